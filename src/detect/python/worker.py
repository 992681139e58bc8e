"""Lakewatch Python detection worker (Matano-compatible detect.py API).

Standard library only. Protocol (NDJSON over the process's original stdin/stdout;
the detection code sees fd 0 as /dev/null and fd 1 as stderr, so print() is safe):

  in  line 1      {"detections": [{"name", "path", "display_name", "severity"}], "paths": [...],
                   "remotecache_sqlite": path | null, "enrichment": {table: {key: row}} | null}
  out             {"t": "loading", "d": name} before importing each detection, then
                  {"t": "ready", "errors": [{"detection", "file", "line", "type", "message", "traceback"}]}
  in  per batch   {"id": N, "detections": ["name", ...], "n": COUNT, "bytes": SIZE}
                  then SIZE bytes of UTF-8: COUNT lines, one JSON record each
  out per batch   one line per requested detection, in the order requested:
                  {"t": "chunk", "id": N, "d": "name", "r": [[recordIndex, result], ...]}
                  result is {"m": {...match...}} or {"e": {"type", "message", "traceback", "function"?}}

Output is ASCII (json.dumps ensure_ascii) and flushed after every chunk, so the parent
always knows which detections of a batch have finished.
"""

import importlib.util
import json
import os
import sys
import time
import traceback
import types

SEVERITIES = ("info", "notice", "low", "medium", "high", "critical")
OPTIONAL = ("title", "dedupe", "severity", "description", "runbook", "reference", "alert_context", "destinations")


class Record(dict):
    """A record: a dict with Matano's deepget, forgiving of missing and null path parts."""

    __slots__ = ()

    def deepget(self, path, default=None):
        if "." not in path:
            value = self.get(path)
            return default if value is None else value
        cur = self
        for part in path.split("."):
            if isinstance(cur, dict):
                cur = cur.get(part)
            elif isinstance(cur, list) and part.lstrip("-").isdigit():
                idx = int(part)
                cur = cur[idx] if -len(cur) <= idx < len(cur) else None
            else:
                return default
            if cur is None:
                return default
        return cur


# ---------------------------------------------------------------- the `detection` package


class _RemoteCacheNotWired(NotImplementedError):
    pass


class RemoteCache:
    """Matano's remotecache(namespace, ttl=seconds). Construction works (detections create
    caches at import time); the storage backend is installed by the host with set_backend."""

    _backend = None

    def __init__(self, namespace, ttl=3600):
        self.namespace = str(namespace)
        self.ttl = int(ttl)

    @classmethod
    def set_backend(cls, backend):
        cls._backend = backend

    def _b(self):
        if RemoteCache._backend is None:
            raise _RemoteCacheNotWired(
                "detection.remotecache is not available yet in Lakewatch's Python runtime "
                "(namespace %r)" % self.namespace
            )
        return RemoteCache._backend

    def __getitem__(self, key):
        return self._b().get(self.namespace, self.ttl, key)

    def get(self, key, default=None):
        value = self._b().get(self.namespace, self.ttl, key)
        return default if value is None else value

    def __setitem__(self, key, value):
        self._b().set(self.namespace, self.ttl, key, value)

    def __delitem__(self, key):
        self._b().delete(self.namespace, self.ttl, key)

    def increment_counter(self, key, value=1):
        return self._b().increment_counter(self.namespace, self.ttl, key, value)

    def decrement_counter(self, key, value=1):
        return self._b().increment_counter(self.namespace, self.ttl, key, -value)

    def add_to_string_set(self, key, values):
        return self._b().add_to_string_set(self.namespace, self.ttl, key, values)

    def remove_from_string_set(self, key, values):
        return self._b().remove_from_string_set(self.namespace, self.ttl, key, values)


class SqliteCacheBackend:
    """remotecache storage in an SQLite file shared by every worker (WAL; writes are
    transactions, so counters and sets stay exact across processes). Values are JSON; the TTL
    is enforced on read. As in Matano: `cache[key] = v` starts a new TTL, while counters and
    string sets keep the expiry set when the key was created (a counter counts within one
    window from its first increment)."""

    def __init__(self, path):
        import sqlite3  # only when used

        self.db = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS lakewatch_remotecache (namespace TEXT NOT NULL, key TEXT NOT NULL,"
            " value TEXT NOT NULL, expires_at REAL NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID"
        )

    def _row(self, namespace, key):
        return self.db.execute(
            "SELECT value, expires_at FROM lakewatch_remotecache WHERE namespace = ? AND key = ? AND expires_at > ?",
            (namespace, str(key), time.time()),
        ).fetchone()

    def _read(self, namespace, key):
        row = self._row(namespace, key)
        return None if row is None else json.loads(row[0])

    def _write(self, namespace, ttl, key, value, expires_at=None):
        self.db.execute(
            "INSERT OR REPLACE INTO lakewatch_remotecache (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)",
            (
                namespace,
                str(key),
                json.dumps(value, default=_json_default),
                time.time() + ttl if expires_at is None else expires_at,
            ),
        )

    def _update(self, namespace, ttl, key, fn):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self._row(namespace, key)
            value = fn(None if row is None else json.loads(row[0]))
            # the expiry of a live key stays (Matano: SET #ttl = if_not_exists(#ttl, :ttl))
            self._write(namespace, ttl, key, value, None if row is None else row[1])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return value

    def get(self, namespace, ttl, key):
        return self._read(namespace, key)

    def set(self, namespace, ttl, key, value):
        self._write(namespace, ttl, key, value)

    def delete(self, namespace, ttl, key):
        self.db.execute("DELETE FROM lakewatch_remotecache WHERE namespace = ? AND key = ?", (namespace, str(key)))

    def increment_counter(self, namespace, ttl, key, by):
        return self._update(namespace, ttl, key, lambda old: (old if isinstance(old, int) else 0) + int(by))

    @staticmethod
    def _values(values):
        return [values] if isinstance(values, str) else [str(v) for v in values]

    def add_to_string_set(self, namespace, ttl, key, values):
        new = self._values(values)
        return self._update(
            namespace, ttl, key, lambda old: sorted(set(old if isinstance(old, list) else []).union(new))
        )

    def remove_from_string_set(self, namespace, ttl, key, values):
        gone = set(self._values(values))
        return self._update(
            namespace, ttl, key, lambda old: sorted(v for v in (old if isinstance(old, list) else []) if v not in gone)
        )


class EnrichmentUnavailable(NotImplementedError):
    pass


class _EnrichmentTable:
    """`from detection.enrichment import <table>`: key lookups returning the row as a Record.
    Rows come from the host (the `enrichment` init option: {table: {key: row}})."""

    _data = {}  # table name -> {key: row}, installed by the host

    def __init__(self, name):
        self.name = name

    def _rows(self):
        rows = _EnrichmentTable._data.get(self.name)
        if rows is None:
            raise EnrichmentUnavailable("enrichment table %r is not available" % self.name)
        return rows

    @staticmethod
    def _row(value):
        return Record(value) if isinstance(value, dict) else value

    def get(self, key, default=None):
        rows = self._rows()
        key = str(key)
        return self._row(rows[key]) if key in rows else default

    def get_record(self, key):
        """Matano's lookup by primary key: the row, or None."""
        return self.get(key)

    def __getitem__(self, key):
        rows = self._rows()
        key = str(key)
        if key not in rows:
            raise KeyError(key)
        return self._row(rows[key])

    def __contains__(self, key):
        return str(key) in self._rows()

    def __repr__(self):
        return "<enrichment table %r>" % self.name


def _install_detection_package():
    pkg = types.ModuleType("detection")
    pkg.__path__ = []  # a package, so `import detection.enrichment` resolves through sys.modules
    pkg.__doc__ = "Lakewatch's implementation of Matano's `detection` package."
    rc = types.ModuleType("detection.remotecache")
    rc.RemoteCache = RemoteCache
    # `from detection import remotecache` then `remotecache("ns", ttl=...)`: the module
    # attribute on the package is the callable class, as in Matano.
    enrichment = types.ModuleType("detection.enrichment")

    def _enrichment_getattr(name):
        if name.startswith("__"):
            raise AttributeError(name)
        table = _EnrichmentTable(name)
        setattr(enrichment, name, table)
        return table

    enrichment.__getattr__ = _enrichment_getattr
    pkg.remotecache = RemoteCache
    pkg.enrichment = enrichment
    pkg.Record = Record
    sys.modules["detection"] = pkg
    sys.modules["detection.remotecache"] = rc
    sys.modules["detection.enrichment"] = enrichment


# ---------------------------------------------------------------- helpers


def _trimmed_tb(exc, skip=1):
    tb = exc.__traceback__
    for _ in range(skip):
        if tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _error(exc, function=None, with_traceback=True):
    err = {
        "type": type(exc).__name__,
        "message": str(exc),
        "traceback": _trimmed_tb(exc) if with_traceback else "",
    }
    if function is not None:
        err["function"] = function
    return err


def _json_default(value):
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


class Detection:
    __slots__ = ("name", "detect", "funcs", "default_title", "severity")

    def __init__(self, spec, module):
        self.name = spec["name"]
        self.detect = module.detect
        self.funcs = {f: getattr(module, f) for f in OPTIONAL if callable(getattr(module, f, None))}
        self.default_title = spec.get("display_name") or spec["name"]
        self.severity = spec.get("severity") or "info"

    def match(self, record):
        """The alert fields of a matched record (Matano's defaults). Raises _FuncError."""
        funcs = self.funcs
        out = {}
        warnings = []

        def call(name):
            try:
                return funcs[name](record)
            except BaseException as exc:  # noqa: B902 - a detection's SystemExit is its error too
                raise _FuncError(name, exc)

        title = call("title") if "title" in funcs else None
        out["title"] = self.default_title if title is None else str(title)
        dedupe = call("dedupe") if "dedupe" in funcs else None
        out["dedupe"] = out["title"] if dedupe is None else str(dedupe)
        severity = self.severity
        if "severity" in funcs:
            value = call("severity")
            if value is not None:
                text = str(value).strip().lower()
                if text in SEVERITIES:
                    severity = text
                else:
                    warnings.append("severity() returned %r; expected one of %s, used %r"
                                    % (value, ", ".join(SEVERITIES), severity))
        out["severity"] = severity
        for name in ("description", "runbook", "reference"):
            if name in funcs:
                value = call(name)
                if value is not None:
                    out[name] = str(value)
        if "destinations" in funcs:
            value = call("destinations")
            if value is not None:
                if isinstance(value, str):
                    value = [value]
                out["destinations"] = [str(v) for v in value]
        if "alert_context" in funcs:
            value = call("alert_context")
            if value is not None:
                try:
                    out["alert_context"] = json.dumps(value, default=_json_default)
                except (TypeError, ValueError) as exc:
                    warnings.append("alert_context() result is not JSON-serialisable: %s" % exc)
        if warnings:
            out["warnings"] = warnings
        return out


class _FuncError(Exception):
    def __init__(self, function, exc):
        super().__init__(function)
        self.function = function
        self.exc = exc


def _load(spec, index):
    path = spec["path"]
    module_name = "_lakewatch_detection_%d" % index
    mod_spec = importlib.util.spec_from_file_location(module_name, path)
    if mod_spec is None or mod_spec.loader is None:
        raise ImportError("cannot load %s" % path)
    module = importlib.util.module_from_spec(mod_spec)
    sys.modules[module_name] = module
    try:
        mod_spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    if not callable(getattr(module, "detect", None)):
        raise AttributeError("%s defines no detect(record) function" % path)
    return Detection(spec, module)


def _load_error(spec, exc):
    err = {
        "detection": spec["name"],
        "file": spec["path"],
        "type": type(exc).__name__,
        "message": str(exc),
        "traceback": _trimmed_tb(exc, skip=0),
    }
    if isinstance(exc, SyntaxError):
        err["message"] = exc.msg or str(exc)
        if exc.filename:
            err["file"] = exc.filename
        if exc.lineno:
            err["line"] = exc.lineno
    else:
        # the deepest frame in the detection's own file names the line
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == spec["path"]:
                err["line"] = tb.tb_lineno
            tb = tb.tb_next
    return err


# Full tracebacks for the first errors of a detection in a batch; later ones carry type and
# message only (formatting a traceback per record would make a failing detection very slow).
TRACEBACKS_PER_BATCH = 10


def _run(det, records):
    results = []
    append = results.append
    detect = det.detect
    failures = 0
    for i, rec in enumerate(records):
        if rec.__class__ is not Record:
            append([i, {"e": rec}])
            continue
        try:
            if detect(rec):
                append([i, {"m": det.match(rec)}])
        except _FuncError as fe:
            failures += 1
            append([i, {"e": _error(fe.exc, fe.function, failures <= TRACEBACKS_PER_BATCH)}])
        except BaseException as exc:  # noqa: B902
            failures += 1
            append([i, {"e": _error(exc, "detect", failures <= TRACEBACKS_PER_BATCH)}])
    return results


def main():
    # Keep the protocol on private copies of fd 0 and 1; detection code gets /dev/null and stderr.
    channel_in = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
    channel_out = os.fdopen(os.dup(1), "wb", buffering=1 << 16)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, "r")
    sys.stdout = sys.stderr

    def send(obj):
        channel_out.write(json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n")
        channel_out.flush()

    line = channel_in.readline()
    if not line:
        return
    init = json.loads(line)
    for p in reversed(init.get("paths") or []):
        if p not in sys.path:
            sys.path.insert(0, p)
    _install_detection_package()
    if init.get("remotecache_sqlite"):
        RemoteCache.set_backend(SqliteCacheBackend(init["remotecache_sqlite"]))
    if isinstance(init.get("enrichment"), dict):
        _EnrichmentTable._data = init["enrichment"]

    detections = {}
    errors = []
    for index, spec in enumerate(init.get("detections") or []):
        send({"t": "loading", "d": spec["name"]})  # names the culprit if an import hangs
        try:
            detections[spec["name"]] = _load(spec, index)
        except BaseException as exc:  # noqa: B902
            errors.append(_load_error(spec, exc))
    send({"t": "ready", "errors": errors})

    loads = json.loads
    scan = json.decoder.JSONDecoder().scan_once  # the C scanner, without json.loads' per-call checks
    readline = channel_in.readline
    read = channel_in.read
    while True:
        line = readline()
        if not line:
            return
        header = loads(line)
        data = read(header["bytes"]).decode("utf-8", "replace")
        lines = data.split("\n")
        records = []
        for i in range(header["n"]):
            raw = lines[i] if i < len(lines) else ""
            try:
                try:
                    value, end = scan(raw, 0)
                    if end != len(raw) and raw[end:].strip():
                        raise ValueError("extra data")
                except (StopIteration, ValueError):
                    value = loads(raw)  # leading whitespace, or a proper error message
                if value.__class__ is not dict:
                    raise TypeError("a record must be a JSON object, got %s" % type(value).__name__)
                records.append(Record(value))
            except (ValueError, TypeError, RecursionError) as exc:
                records.append({"type": "InvalidRecord", "message": str(exc), "traceback": ""})
        batch_id = header["id"]
        for name in header["detections"]:
            det = detections.get(name)
            results = _run(det, records) if det is not None else []
            send({"t": "chunk", "id": batch_id, "d": name, "r": results})


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
