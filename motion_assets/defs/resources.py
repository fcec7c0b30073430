"""Resources, configured in one place (definitions.py): where data lives and how loop videos are rendered."""

from __future__ import annotations

from dagster import ConfigurableResource

from motion_assets.creation.build import RenderSettings
from motion_assets.storage.tables import TableStore, data_dir_from_env


class MotionStore(ConfigurableResource):
    """The registry data directory. Empty means MOTION_DATA_DIR, else ./data."""

    data_dir: str = ""

    def tables(self) -> TableStore:
        return TableStore(self.data_dir or data_dir_from_env())


class LoopSettings(ConfigurableResource):
    """How many videos a loop batch holds and how they are rendered."""

    videos_per_batch: int = 2
    width: int = 512
    height: int = 512
    fps: int = 24
    duration_s: float = 1.0
    #: Frame size and default length of the scenes workflow's videos (a prompt's own length wins).
    scene_width: int = 320
    scene_height: int = 180
    scene_duration_s: float = 4.0
    base_seed: int = 0
    #: frame | window | all; empty means the LOOP_EXTRACTION_FOCUS environment variable, else all.
    extraction_focus: str = ""
    #: Threads a batch's videos are encoded and measured on (mostly waiting on ffmpeg); 0 means the machine's cores.
    video_workers: int = 0

    def workers(self) -> int:
        from motion_assets.loop.jobs import default_workers

        return self.video_workers if self.video_workers > 0 else default_workers()

    def render_settings(self) -> RenderSettings:
        return RenderSettings(self.width, self.height, self.fps, self.duration_s, self.scene_width,
                              self.scene_height, self.scene_duration_s)
