"""Frames + audio -> an MP4 (H.264 yuv420p + AAC) that ordinary players open, and decoding it back.

ffmpeg comes from imageio-ffmpeg, so no system install is needed. Flags ask for bit-exact output (no encoder
version strings, no creation time) so the same frames and samples always give the same file bytes. Files are
written under a temporary name in the target folder and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
import numpy as np

from motion_assets.rendering.audio import write_wav

VIDEO_CODEC_ARGS = ("-c:v", "libx264", "-preset", "veryfast", "-crf", "10", "-pix_fmt", "yuv420p", "-threads", "2")
AUDIO_CODEC_ARGS = ("-c:a", "aac", "-b:a", "192k")
BITEXACT_ARGS = ("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1")


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


def encode_mp4(frames: np.ndarray, fps: int, audio: np.ndarray | None, sample_rate: int, out_path: Path) -> Path:
    """Encode (frames, H, W, 3) uint8 RGB and optional mono float audio into ``out_path`` atomically."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    count, height, width, _ = frames.shape
    with tempfile.TemporaryDirectory(dir=out_path.parent, prefix=".encode-") as scratch:
        command = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
                   "-s", f"{width}x{height}", "-r", str(fps), "-i", "pipe:0"]
        if audio is not None:
            wav = Path(scratch) / "audio.wav"
            write_wav(wav, audio, sample_rate)
            command += ["-i", str(wav), *AUDIO_CODEC_ARGS]
        partial = Path(scratch) / "video.mp4"
        command += [*VIDEO_CODEC_ARGS, *BITEXACT_ARGS, "-frames:v", str(count), "-movflags", "+faststart",
                    str(partial)]
        result = subprocess.run(command, input=np.ascontiguousarray(frames).tobytes(), capture_output=True)
        if result.returncode != 0:
            raise RuntimeError(f"ffmpeg failed to encode {out_path}: {result.stderr.decode(errors='replace')[-800:]}")
        os.replace(partial, out_path)
    return out_path


def remove_partial_files(directory: Path) -> list[Path]:
    """Delete what an interrupted write left in ``directory`` (hidden temporary files and encode folders)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    leftovers = sorted(p for p in directory.glob(".*") if p.name.startswith(".encode-") or p.name.endswith(".tmp"))
    for path in leftovers:
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    return leftovers


def decode_frames(path: Path) -> np.ndarray:
    """Decode every video frame of ``path`` to (frames, H, W, 3) uint8 RGB; ValueError naming the file if unreadable.

    One ffmpeg process: the frame size is read from the stream description it prints while decoding.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"video file not found: {path}")
    result = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-loglevel", "level+info", "-i", str(path), "-map", "0:v:0", "-f", "rawvideo",
         "-pix_fmt", "rgb24", "pipe:1"],
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
