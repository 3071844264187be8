"""A 25 MB file arriving: sealing it beside a bare AES-GCM pass, and memory while it comes.

(a) Time. The same 25 MB, in Django's 64 KiB upload pieces, through:
    - a bare AES-GCM pass: cryptography's AESGCM sealing each 64 KiB chunk
      with a fresh nonce (the baseline);
    - the vault's sealer alone (chunk framing, associated data, the padded
      last chunk), fed as a form upload feeds it (the first piece short, so
      no piece lines up with a chunk): the goal, within 1.5x of the baseline;
      and fed pieces that line up, as a stored file read back is;
    - the whole upload handler: sniffing the kind, sealing, SHA-256 of the
      original bytes in the same pass, the sealed spool file and its move
      into storage; shown beside the baseline and beside a bare AES-GCM plus
      SHA-256 pass, the least any handler must do.
(b) Memory. A real multipart request of 25 MB (a sound recording) through
    Django's whole stack, signed in, in a fresh process: tracemalloc's peak
    of Python allocations during the request, and the growth of the process's
    peak RSS, beside the vault chunk size. Goal: under 2x the chunk size,
    never near the whole file.

    .venv/bin/python -m bench.records_files       # runs both, prints JSON
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import interleaved_samples, proc_status_kib, reset_peak

FILE_BYTES = 25 * 1024 * 1024
PIECE_BYTES = 64 * 1024  # Django's upload handler chunk
FORM_HEAD_BYTES = 155  # what the multipart part's headers take from the first piece
REPS = 7
GOAL_RATIO = 1.5
GOAL_CHUNKS = 2.0
UPLOAD_PATH = "/take-files/"
UPLOAD_URLCONF = "vault.tests.upload_urls"


def _recording(size: int) -> bytes:
    """Random bytes that start like an MP3 (random: nothing compresses or repeats)."""
    head = b"ID3\x04\x00\x00\x00\x00\x00\x00"
    return head + os.urandom(size - len(head))


def bench_sealing() -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from vault import crypto, uploads
    from vault.box import Box

    data = _recording(FILE_BYTES)
    view = memoryview(data)
    pieces = [bytes(view[i : i + PIECE_BYTES]) for i in range(0, len(data), PIECE_BYTES)]
    # As a form upload really arrives: the first piece is short by the part's
    # headers, so no later piece lines up with a chunk.
    starts = [0, *range(PIECE_BYTES - FORM_HEAD_BYTES, len(data), PIECE_BYTES)]
    upload_pieces = [
        bytes(view[a:b]) for a, b in zip(starts, [*starts[1:], len(data)], strict=True)
    ]
    key = crypto.random_key()
    box = Box(key)

    def bare_aes_gcm():
        aes = AESGCM(key)
        for piece in pieces:
            aes.encrypt(os.urandom(crypto.NONCE_BYTES), piece, b"bench")

    def bare_aes_gcm_and_sha256():
        aes = AESGCM(key)
        digest = hashlib.sha256()
        for piece in pieces:
            digest.update(piece)
            aes.encrypt(os.urandom(crypto.NONCE_BYTES), piece, b"bench")
        digest.hexdigest()

    def vault_sealer():
        sealer = box.sealer(b"bench")
        for piece in upload_pieces:
            sealer.feed_into(piece, len)
        sealer.finish_into(len)

    def vault_sealer_aligned():
        sealer = box.sealer(b"bench")
        for piece in pieces:
            sealer.feed_into(piece, len)
        sealer.finish_into(len)

    spool_dir = tempfile.mkdtemp(prefix="haven-bench-spool-")

    def bare_aes_gcm_sha256_and_file():
        aes = AESGCM(key)
        digest = hashlib.sha256()
        with tempfile.NamedTemporaryFile(dir=spool_dir) as out:
            for piece in pieces:
                digest.update(piece)
                out.write(aes.encrypt(os.urandom(crypto.NONCE_BYTES), piece, b"bench"))
            out.flush()
        digest.hexdigest()

    stored = []

    def upload_handler():
        handler = uploads.SealedUploadHandler(None, box)
        handler.new_file("file", "recording.mp3", "audio/mpeg", None)
        for piece, start in zip(upload_pieces, starts, strict=True):
            handler.receive_data_chunk(piece, start)
        result = handler.file_complete(len(data))
        stored.append(result.storage_name)
        if result.sha256 != hashlib.sha256(data).hexdigest():
            raise RuntimeError("the handler's SHA-256 is wrong")

    samples = interleaved_samples(
        {
            "bare": bare_aes_gcm,
            "bare_sha": bare_aes_gcm_and_sha256,
            "bare_sha_file": bare_aes_gcm_sha256_and_file,
            "sealer": vault_sealer,
            "sealer_aligned": vault_sealer_aligned,
            "handler": upload_handler,
        },
        REPS,
    )
    os.rmdir(spool_dir)
    from vault import files

    for name in stored:
        files.delete(name)
    import statistics

    medians = {name: statistics.median(s["wall"]) for name, s in samples.items()}
    return {
        "file_bytes": FILE_BYTES,
        "piece_bytes": PIECE_BYTES,
        "reps": REPS,
        "seconds": medians,
        "sealer_ratio": medians["sealer"] / medians["bare"],
        "sealer_aligned_ratio": medians["sealer_aligned"] / medians["bare"],
        "handler_ratio": medians["handler"] / medians["bare"],
        "handler_vs_bare_sha_file": medians["handler"] / medians["bare_sha_file"],
        "goal_ratio": GOAL_RATIO,
    }


def _multipart(path: Path, size: int) -> tuple[str, int]:
    """Write a one-file multipart body to disk (the client's side); its content type, length."""
    boundary = "HavenBenchBoundary7f3a"
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="recording.mp3"\r\n'
        "Content-Type: audio/mpeg\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    with path.open("wb") as out:
        out.write(head)
        written = 0
        first = True
        while written < size:
            piece = min(1024 * 1024, size - written)
            block = _recording(piece) if first else os.urandom(piece)
            first = False
            out.write(block)
            written += piece
        out.write(tail)
    return f"multipart/form-data; boundary={boundary}", path.stat().st_size


def _post_upload(handler, body: Path, size: int, cookie: str):
    content_type, length = _multipart(body, size)
    with body.open("rb") as stream:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": UPLOAD_PATH,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": stream,
            "wsgi.errors": io.StringIO(),
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(length),
            "HTTP_COOKIE": cookie,
        }
        response = handler(environ)
    if response.status_code != 200:
        raise RuntimeError(f"the upload answered {response.status_code}")
    return response


def _parser_alone(handler, body: Path, size: int, cookie: str, streaming: dict) -> int:
    """The same request with every piece thrown away: what Django's parser holds by itself."""
    import tracemalloc

    from vault import uploads

    real_receive = uploads.SealedUploadHandler.receive_data_chunk
    real_complete = uploads.SealedUploadHandler.file_complete
    uploads.SealedUploadHandler.receive_data_chunk = lambda self, raw, start: None
    uploads.SealedUploadHandler.file_complete = lambda self, size: streaming.update(
        peak=tracemalloc.get_traced_memory()[1]
    )
    tracemalloc.start()
    try:
        _post_upload(handler, body, size, cookie)
    finally:
        tracemalloc.stop()
        uploads.SealedUploadHandler.receive_data_chunk = real_receive
        uploads.SealedUploadHandler.file_complete = real_complete
    return streaming["peak"] - streaming["start"]


def measure_memory(var_dir: Path, size: int = FILE_BYTES) -> dict:
    """In this (fresh) process: one signed-in upload of `size` bytes, traced.

    A small upload first warms the process (imports, templates, the session),
    as a running server is warm. Then, under tracemalloc: the peak above what
    was held when the request began, and the peak while the file itself
    streams in (from the handler's `new_file` to its `file_complete`).
    """
    os.environ["HAVEN_VAR_DIR"] = str(var_dir)
    from bench.inprocess import _member, _sign_in, setup_django

    setup_django(var_dir)
    import tracemalloc

    from django.conf import settings
    from django.test import override_settings
    from django.test.client import ClientHandler

    from vault import crypto, uploads

    _member("bench-files")
    client = _sign_in("bench-files")
    cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    body = var_dir / "body.bin"
    sealed = Path(settings.MEDIA_ROOT) / "sealed"
    streaming: dict[str, int] = {}
    real_new_file = uploads.SealedUploadHandler.new_file
    real_complete = uploads.SealedUploadHandler.file_complete

    def new_file(self, *args, **kwargs):
        streaming["start"] = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        return real_new_file(self, *args, **kwargs)

    def file_complete(self, file_size):
        streaming["peak"] = tracemalloc.get_traced_memory()[1]
        return real_complete(self, file_size)

    uploads.SealedUploadHandler.new_file = new_file
    uploads.SealedUploadHandler.file_complete = file_complete
    with override_settings(ROOT_URLCONF=UPLOAD_URLCONF):
        handler = ClientHandler(enforce_csrf_checks=False)
        handler.load_middleware()
        _post_upload(handler, body, 8000, cookie)  # warm up
        parser_alone = _parser_alone(handler, body, size, cookie, streaming)
        _content_type, _length = _multipart(body, size)
        rss_before = proc_status_kib(os.getpid()).get("VmRSS")
        peak_reset = reset_peak(os.getpid())
        tracemalloc.start()
        at_start = tracemalloc.get_traced_memory()[0]
        started = time.perf_counter()
        _post_upload(handler, body, size, cookie)
        seconds = time.perf_counter() - started
        request_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss_peak = proc_status_kib(os.getpid()).get("VmHWM")
    biggest = max((p.stat().st_size for p in sealed.rglob("*") if p.is_file()), default=0)
    if biggest < size:
        raise RuntimeError("the upload did not leave one whole sealed file")
    return {
        "file_bytes": size,
        "chunk_bytes": crypto.CHUNK_BYTES,
        "piece_bytes": uploads.SealedUploadHandler.chunk_size,
        "streaming_peak_bytes": streaming["peak"] - streaming["start"],
        "request_peak_bytes": request_peak - at_start,
        "parser_alone_peak_bytes": parser_alone,
        "rss_growth_kib": (rss_peak - rss_before) if peak_reset and rss_peak else None,
        "request_seconds": seconds,
        "goal_chunks": GOAL_CHUNKS,
    }


def bench_memory() -> dict:
    """Run `measure_memory` in a fresh process, so nothing else in this one counts."""
    with tempfile.TemporaryDirectory(prefix="haven-bench-files-") as folder:
        done = subprocess.run(
            [sys.executable, "-m", "bench.records_files", "--memory", folder, str(FILE_BYTES)],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the memory run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_files() -> dict:
    return {"sealing": bench_sealing(), "memory": bench_memory()}


def section(r: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    s, m = r["sealing"], r["memory"]
    mib = s["file_bytes"] / (1024 * 1024)

    def verdict(value: float) -> str:
        return "met" if value <= s["goal_ratio"] else "NOT met"

    out = [
        f"14. A {mib:.0f} MiB file in {s['piece_bytes'] // 1024} KiB pieces: sealing (goal within "
        f"{s['goal_ratio']:.1f}x of bare AES-GCM: {verdict(s['sealer_aligned_ratio'])} for a "
        f"file read in chunks, {verdict(s['sealer_ratio'])} for a form upload) and peak memory",
        "  A form upload's pieces never line up with chunks, so each chunk is gathered, then",
        "  encrypted in slices: a cipher set up per chunk costs time, and keeps memory",
        "  under 2 chunks.",
    ]
    t = s["seconds"]
    rows = [
        ["bare AES-GCM over the same pieces (baseline)", seconds(t["bare"]), ratio(1)],
        ["the vault's sealer, pieces as a form upload brings them", seconds(t["sealer"])]
        + [ratio(s["sealer_ratio"])],
        ["the vault's sealer, pieces that line up with chunks", seconds(t["sealer_aligned"])]
        + [ratio(s["sealer_aligned_ratio"])],
        ["bare AES-GCM + SHA-256", seconds(t["bare_sha"])] + [ratio(t["bare_sha"] / t["bare"])],
        ["bare AES-GCM + SHA-256, written to a file", seconds(t["bare_sha_file"])]
        + [ratio(t["bare_sha_file"] / t["bare"])],
        ["the upload handler: sniff, seal, SHA-256, spool, into storage", seconds(t["handler"])]
        + [f"{ratio(s['handler_ratio'])} ({ratio(s['handler_vs_bare_sha_file'])} of the above)"],
    ]
    out += table(["measure", "median", "vs bare"], rows)
    chunk = m["chunk_bytes"]
    streaming = m["streaming_peak_bytes"]
    parser = m["parser_alone_peak_bytes"]
    added = streaming - parser
    met = "met" if added <= m["goal_chunks"] * chunk else "NOT met"
    rss = m["rss_growth_kib"]

    def kib(value: int) -> str:
        return f"{value / 1024:.0f} KiB ({value / chunk:.2f}x the chunk)"

    rows = [
        ["Django's multipart parser alone, every piece thrown away", kib(parser)],
        ["the sealing handler, while the file streams in", kib(streaming)],
        ["what the sealing adds to the parser (the goal)", kib(added)],
        ["the whole request, above what the warm process held", kib(m["request_peak_bytes"])],
        ["peak RSS growth", "?" if rss is None else f"{rss / 1024:.1f} MiB"],
    ]
    out += [
        "",
        f"  Peak memory: one signed-in {m['file_bytes'] / (1024 * 1024):.0f} MiB request through"
        f" Django, {m['piece_bytes'] // 1024} KiB pieces, vault chunk {chunk // 1024} KiB"
        f" (tracemalloc; goal: the sealing adds under {m['goal_chunks']:.0f}x the chunk: {met})",
    ]
    out += table(["measure", "peak"], rows)
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory"]:
        print(json.dumps(measure_memory(Path(sys.argv[2]), int(sys.argv[3]))))
    else:
        from bench.inprocess import setup_django

        with tempfile.TemporaryDirectory(prefix="haven-bench-files-") as folder:
            setup_django(Path(folder))
            result = bench_files()
        print(json.dumps(result, indent=2))
        print("\n".join(section(result)))
