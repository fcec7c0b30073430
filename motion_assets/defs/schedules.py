"""Workflow schedules (stopped by default): each tick adds the workflow's next batch partition and runs it."""


from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, schedule

from motion_assets.defs.jobs import loop_jobs
from motion_assets.defs.partitions import loop_batches
from motion_assets.loop.batches import next_batch_keys
from motion_assets.origins.vocabulary import WORKFLOW_FOCUS

CRON = {"explorer": "*/10 * * * *", "exploiter": "5-59/10 * * * *", "balanced": "*/15 * * * *",
        "sound": "*/20 * * * *", "interpret": "*/5 * * * *"}


def build_workflow_schedule(workflow: str):
    @schedule(
        name=f"{workflow}_schedule",
        job=loop_jobs[workflow],
        cron_schedule=CRON[workflow],
        default_status=DefaultScheduleStatus.STOPPED,
        description=f"Every tick: the next {workflow} batch (extraction focus: {WORKFLOW_FOCUS[workflow] or 'none'})."
        " Its run key makes a repeated tick a no-op.",
    )
    def workflow_schedule(context: ScheduleEvaluationContext):
        existing = context.instance.get_dynamic_partitions(loop_batches.name)
        tick = context.scheduled_execution_time.strftime("%Y%m%dT%H%M")
        (key,) = next_batch_keys(existing, workflow, 1)
        # Schedules cannot return partition requests, so the tick registers its batch itself.
        context.instance.add_dynamic_partitions(loop_batches.name, [key])
        focus = WORKFLOW_FOCUS[workflow]
        run_config = ({"resources": {"loop_settings": {"config": {"extraction_focus": focus}}}} if focus else {})
        return RunRequest(run_key=f"{workflow}-{tick}", partition_key=key, run_config=run_config,
                          tags={"workflow": workflow})

    return workflow_schedule


WORKFLOW_SCHEDULES = [build_workflow_schedule(w) for w in CRON]
