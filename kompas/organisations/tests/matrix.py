from kompas.core.access_matrix import PUBLIC, Expect

ENTRIES = {
    "organisations:departments": Expect(PUBLIC),
    "organisations:partners": Expect(PUBLIC),
    "organisations:department": Expect(PUBLIC, kwargs=lambda: {"slug": "boern-og-unge"}),
}
