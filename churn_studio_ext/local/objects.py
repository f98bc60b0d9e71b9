"""The local object store: S3 URIs mapped to files under the studio home.

``s3://<bucket>/<key>`` is the file ``<home>/s3/<bucket>/<key>``, so code that passes S3 URIs to
the local backend keeps working. ``file://`` URIs and plain paths name local files as they are.

S3 has no folders, only keys. A prefix URI (``S3DataType: S3Prefix``) therefore means every
object whose key starts with the prefix string, whether or not the prefix ends at a ``/``.
Keys ending in ``/`` (folder markers) hold no data and are skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

OBJECTS_FOLDER = "s3"
# Objects are written under a temporary name with this prefix and renamed when complete. Listings
# skip such files, so a reader never sees a partial object.
PARTIAL_PREFIX = ".partial-"

# S3's bucket naming rules: 3-63 characters of lower-case letters, digits, dots and hyphens,
# starting and ending with a letter or digit.
_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")


class ObjectStoreError(ValueError):
    """A URI the object store cannot map, or an object that does not exist."""


@dataclass(frozen=True)
class StoredObject:
    """One object under a prefix: its path relative to the prefix, and its local file."""

    relative_path: str
    path: Path


class ObjectStore:
    """The objects of one studio home."""

    def __init__(self, home: str | os.PathLike):
        self.home = Path(home).expanduser().resolve()
        self.root = self.home / OBJECTS_FOLDER

    def path_for(self, uri: str | os.PathLike) -> Path:
        """Return the local path of an ``s3://`` or ``file://`` URI or a plain path.

        Raises ObjectStoreError for another scheme, an invalid bucket name, or a key with ``..``
        segments, which would leave the object folder.
        """
        text = os.fspath(uri)
        parsed = urlparse(text)
        if parsed.scheme == "s3":
            return self._s3_path(text, parsed.netloc, parsed.path.lstrip("/"))
        if parsed.scheme == "file":
            return Path(unquote(parsed.path))
        if parsed.scheme and len(parsed.scheme) > 1:
            # A one-letter scheme is a Windows drive letter, so such a value is a plain path.
            raise ObjectStoreError(
                f"Unsupported URI {text!r}: the local object store reads s3://<bucket>/<key>, "
                "file:// URIs and plain paths. Copy the data to one of those first."
            )
        return Path(text).expanduser()

    def is_s3(self, uri: str) -> bool:
        return urlparse(os.fspath(uri)).scheme == "s3"

    def list_prefix(self, uri: str | os.PathLike) -> list[StoredObject]:
        """List the objects under a prefix URI, in key order.

        For ``s3://`` every object whose key starts with the prefix string matches. A local path
        that is a file matches itself, and a local folder matches the files under it.
        """
        text = os.fspath(uri)
        if not self.is_s3(text):
            return _list_local(self.path_for(text))

        parsed = urlparse(text)
        prefix = parsed.path.lstrip("/")
        bucket_root = self._s3_path(text, parsed.netloc, "")
        if not bucket_root.is_dir():
            return []

        # Only the folder that contains the prefix's last segment can hold matching keys.
        folder_part, _, _ = prefix.rpartition("/")
        start = bucket_root / folder_part if folder_part else bucket_root
        if not start.is_dir():
            return []

        objects = []
        for path in sorted(start.rglob("*")):
            if not path.is_file() or path.name.startswith(PARTIAL_PREFIX):
                continue
            key = path.relative_to(bucket_root).as_posix()
            if key.startswith(prefix):
                objects.append(StoredObject(_relative_to_prefix(key, prefix), path))
        return objects

    def put_file(self, source: str | os.PathLike, uri: str) -> Path:
        """Copy a local file to ``uri`` and return the stored path.

        The copy is written under a temporary name and renamed, so readers never see a partial
        object.
        """
        target = self.path_for(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=PARTIAL_PREFIX
        )
        os.close(descriptor)
        try:
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def put_bytes(self, data: bytes, uri: str) -> Path:
        """Write ``data`` as the object at ``uri`` and return the stored path."""
        target = self.path_for(uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=PARTIAL_PREFIX
        )
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def copy_prefix_to(self, uri: str, destination: str | os.PathLike) -> list[Path]:
        """Place every object under a prefix URI into ``destination``, keeping relative paths.

        Objects are hard-linked when the file system allows it, because a channel can be large
        and is only read. Otherwise they are copied. Returns the placed files.
        """
        folder = Path(destination)
        folder.mkdir(parents=True, exist_ok=True)
        placed = []
        for stored in self.list_prefix(uri):
            target = folder / stored.relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                os.link(stored.path, target)
            except OSError:
                shutil.copyfile(stored.path, target)
            placed.append(target)
        return placed

    def _s3_path(self, uri: str, bucket: str, key: str) -> Path:
        if not _BUCKET_NAME.match(bucket):
            raise ObjectStoreError(
                f"Invalid bucket name {bucket!r} in {uri!r}: use 3 to 63 lower-case letters, "
                "digits, dots or hyphens, starting and ending with a letter or digit."
            )
        segments = [segment for segment in key.split("/") if segment]
        if any(segment in (".", "..") for segment in segments):
            raise ObjectStoreError(
                f"Invalid key in {uri!r}: '.' and '..' segments are not allowed in object keys "
                "of the local store. Remove them from the URI."
            )
        path = self.root / bucket
        for segment in segments:
            path = path / segment
        return path


def join_uri(base: str, *parts: str) -> str:
    """Join URI or path segments with single slashes, as S3 output paths are built."""
    text = base.rstrip("/")
    for part in parts:
        text += "/" + part.strip("/")
    return text


def _relative_to_prefix(key: str, prefix: str) -> str:
    # A key below the prefix as a folder keeps its path inside that folder. A key that only
    # shares the prefix string (prefix "data/train" and key "data/train.csv") keeps its file
    # name, because the rest of the key is not a path.
    # NOTE: how SageMaker names such a file in the channel folder is unverified.
    rest = key[len(prefix) :]
    if prefix == "" or prefix.endswith("/"):
        return rest
    if rest.startswith("/"):
        return rest.lstrip("/")
    return key.rpartition("/")[2]


def _list_local(location: Path) -> list[StoredObject]:
    if location.is_file():
        return [StoredObject(location.name, location)]
    if not location.is_dir():
        return []
    return [
        StoredObject(path.relative_to(location).as_posix(), path)
        for path in sorted(location.rglob("*"))
        if path.is_file()
    ]
