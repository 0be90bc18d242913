from kompas.core.access_matrix import PROGRAMME, Expect, _profile, council_seats

# The council's pages: every member of the city council and programme staff (and administrators).
COUNCIL = council_seats(
    _profile(
        anonymous=302,
        citizen=403,
        employee=403,
        leader=403,
        programme=200,
        admin=200,
        partner=403,
        assessor=403,
        advisory=403,
        politician=200,
    )
)
# A standing committee's page (Børn og Unge-udvalget): its member and programme staff; another politician
# (the one on no committee, the group chair on another committee) gets the same 404 as for a missing committee.
COMMITTEE = {**COUNCIL, "politician": 404, "group_chair": 404, "committee_member": 200}
# The projects in development: the parties' group chairs and programme staff.
DEVELOPMENT = council_seats(PROGRAMME, group_chair=200)

ENTRIES = {
    "council:index": Expect(COUNCIL),
    "council:committee": Expect(COMMITTEE, kwargs=lambda: {"slug": "boern-og-unge-udvalget"}),
    "council:development": Expect(DEVELOPMENT),
    "council:evaluation": Expect(COUNCIL),
    "council:evaluation-docx": Expect(COUNCIL),
    "council:evaluation-pdf": Expect(COUNCIL),
}
