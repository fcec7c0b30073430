"""Reading any video file: its frames, its audio track and its frame rate, through imageio-ffmpeg's ffmpeg.

Nothing here knows how the file was made; every error names the file.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from motion_assets.origins.probe_sound import SAMPLE_RATE


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


#: The YUV -> RGB conversion decoding uses: exact rounding and chroma interpolated at full precision. swscale's
#: default fast path rounds chroma so that a flat blue-ish swatch decoded up to 4 levels low in blue (B = Y + 2 Cb
#: amplifies a chroma step); that was enough to read (230, 230, 204) at opacity 30 as (230, 230, 178).
YUV_TO_RGB_FLAGS = ("-sws_flags", "accurate_rnd+full_chroma_int+bitexact")


def decode_frames(path: Path) -> np.ndarray:
    """Decode every video frame of ``path`` to (frames, H, W, 3) uint8 RGB; ValueError naming the file if unreadable.

    One ffmpeg process: the frame size is read from the stream description it prints while decoding.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"video file not found: {path}")
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "level+info", "-i", str(path), "-map", "0:v:0",
         *YUV_TO_RGB_FLAGS, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
        capture_output=True,
    )
    log = result.stderr.decode(errors="replace")
    size = _STREAM_SIZE.search(log)
    if result.returncode != 0 or not size or not result.stdout:
        reason = log.strip().splitlines()[-1] if log.strip() else "no video stream"
        raise ValueError(f"cannot decode video frames of {path}: {reason}")
    width, height = int(size.group(1)), int(size.group(2))
    if len(result.stdout) % (width * height * 3):
        raise ValueError(f"truncated video data in {path}")
    # A truncated or damaged file still decodes its intact frames; any decoding error means frames are missing.
    errors = [line for line in log.splitlines() if "[error]" in line or "[fatal]" in line]
    if errors:
        raise ValueError(f"damaged video file {path}: {errors[0].split('] ')[-1].strip()}")
    return np.frombuffer(result.stdout, dtype=np.uint8).reshape(-1, height, width, 3)


_STREAM_SIZE = re.compile(r"Stream #0:\d+.*?Video: .*?(?<![0-9])(\d{2,5})x(\d{2,5})(?![0-9])")
_STREAM_FPS = re.compile(r"Stream #0:\d+.*?Video: .*?([0-9.]+) fps")


def video_fps(path: Path) -> float:
    """The frame rate of the first video stream of ``path``; ValueError naming the file if there is none."""
    result = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True)
    found = _STREAM_FPS.search(result.stderr.decode(errors="replace"))
    if not Path(path).is_file() or not found:
        raise ValueError(f"cannot read the frame rate of {path}")
    return float(found.group(1))


def read_audio_track(path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Decode the first audio track of ``path`` (anything ffmpeg reads) to float32 mono at ``sample_rate``.

    Raises ValueError naming the file when it is missing, unreadable, has no audio track or decodes to nothing.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"audio source not found: {path}")
    command = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path),
               "-map", "0:a:0", "-vn", "-f", "f32le", "-acodec", "pcm_f32le", "-ac", "1", "-ar", str(int(sample_rate)),
               "pipe:1"]
    result = subprocess.run(command, capture_output=True)
    if result.returncode != 0:
        lines = result.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[-1] if lines else f"ffmpeg exited with {result.returncode}"
        raise ValueError(f"cannot read an audio track from {path}: {reason}")
    problems = result.stderr.decode(errors="replace").strip()
    if problems:  # a damaged stream decodes its intact part and reports the rest at error level
        raise ValueError(f"damaged audio track in {path}: {problems.splitlines()[0]}")
    if len(result.stdout) % 4:
        raise ValueError(f"truncated audio data decoded from {path}")
    audio = np.frombuffer(result.stdout, dtype=np.float32).copy()
    if audio.size == 0:
        raise ValueError(f"the audio track of {path} is empty")
    return audio
