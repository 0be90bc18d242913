from kompas.core.access_matrix import PUBLIC, Expect, redirecting

ENTRIES = {
    "core:home": Expect(PUBLIC),
    "core:language": Expect(redirecting(PUBLIC), kwargs=None, extra={"query": "?lang=en&next=/"}),
    "core:search": Expect(PUBLIC, extra={"query": "?q=skole"}),
    "core:healthz": Expect(PUBLIC, note="the load balancer's health check: JSON, no secrets"),
}
