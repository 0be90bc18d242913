from celery import shared_task

from .services import wave_results_compute


@shared_task(name="kompas.surveys.tasks.compute_wave_results")
def compute_wave_results(wave_id: int, min_group: int) -> int | None:
    """Calculate and store the released results of a closed wave at one threshold (idempotent)."""
    stored = wave_results_compute(wave_id=wave_id, min_group=min_group)
    return stored.pk if stored is not None else None
