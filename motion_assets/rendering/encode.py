"""Frames + audio -> an MP4 (H.264 yuv420p + AAC) that ordinary players open, and decoding it back.

ffmpeg comes from imageio-ffmpeg, so no system install is needed. Flags ask for bit-exact output (no encoder
version strings, no creation time) so the same frames and samples always give the same file bytes. Files are
written under a temporary name in the target folder and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

# Decoding is measuring: it lives in extraction; re-exported here for the callers that render and read back.
from motion_assets.extraction.media import decode_frames, ffmpeg_exe  # noqa: F401
from motion_assets.rendering.audio import write_wav

VIDEO_CODEC_ARGS = ("-c:v", "libx264", "-preset", "veryfast", "-crf", "10", "-pix_fmt", "yuv420p", "-threads", "2")
AUDIO_CODEC_ARGS = ("-c:a", "aac", "-b:a", "192k")
BITEXACT_ARGS = ("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1")


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
        # The frames go to ffmpeg in one blocking write (subprocess.run's `input` feeds a pipe 4 KiB per poll,
        # some 5,000 system calls a second of 512x512 video); its messages go to a file, so it never waits on us.
        log = Path(scratch) / "ffmpeg.log"
        with open(log, "wb") as messages:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=messages)
            try:
                process.stdin.write(memoryview(np.ascontiguousarray(frames)).cast("B"))
            except BrokenPipeError:
                pass  # ffmpeg stopped reading: its exit code and messages say why
            finally:
                process.stdin.close()
            returncode = process.wait()
        if returncode != 0:
            raise RuntimeError(f"ffmpeg failed to encode {out_path}: {log.read_text(errors='replace')[-800:]}")
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
