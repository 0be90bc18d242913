from celery import shared_task

from .services import snapshot_build


@shared_task(name="kompas.valuemap.tasks.build_snapshot")
def build_snapshot(snapshot_id: int) -> int:
    return snapshot_build(snapshot_id=snapshot_id).pk
