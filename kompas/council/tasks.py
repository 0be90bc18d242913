from celery import shared_task

from .services import committee_digests_send


@shared_task(name="kompas.council.tasks.send_committee_digests")
def send_committee_digests() -> int:
    """Each committee member's calm digest of the last month in the committee's field, once a month."""
    return committee_digests_send()
