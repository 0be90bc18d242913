from celery import shared_task

from .services import map_compute


@shared_task(name="kompas.dialogues.tasks.compute_opinion_map")
def compute_opinion_map(map_id: int) -> int:
    return map_compute(map_id=map_id).pk
