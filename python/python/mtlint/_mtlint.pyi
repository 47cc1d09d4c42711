"""Type stubs of the native module ``mtlint._mtlint`` (use :class:`mtlint.Checker`)."""

from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Union

__version__: str

class MtlintError(Exception):
    """Base class of mtlint's errors; the message is the CLI's."""

class UsageError(MtlintError):
    """A value is not usable: an unknown language or selector, a failing rule example."""

class RuleFileError(MtlintError):
    """A rule or configuration file is malformed; has ``path``, ``line`` and ``column``."""
    path: str
    line: int
    column: int

class InputError(MtlintError):
    """An input is malformed; has ``path``, ``line`` and ``column``."""
    path: str
    line: int
    column: int

class DecodeError(MtlintError):
    """An input is not valid UTF-8; has ``path``, ``line`` and ``column``."""
    path: str
    line: int
    column: int

class ReadError(MtlintError):
    """A rule or configuration file could not be read; has ``path``."""
    path: str

class NativeChecker:
    """The compiled rules; :class:`mtlint.Checker` wraps it."""

    def __init__(
        self,
        config: Optional[Union[str, PathLike[str]]] = None,
        rules: Sequence[Union[str, PathLike[str]]] = ...,
        select: Sequence[str] = ...,
        ignore: Sequence[str] = ...,
    ) -> None: ...
    def check_json(
        self,
        text: str,
        lang: Optional[str] = None,
        source: Optional[str] = None,
        source_lang: Optional[str] = None,
        id: str = "-",
    ) -> str:
        """One record checked: the JSON of its ``--format jsonl`` line."""
    def check_columns(
        self,
        texts: List[Optional[str]],
        ids: List[str],
        langs: Optional[List[Optional[str]]] = None,
        sources: Optional[List[Optional[str]]] = None,
        source_langs: Optional[List[Optional[str]]] = None,
        threads: int = 1,
    ) -> Dict[str, List[Any]]:
        """Many records checked with the GIL released; plain columns (see mtlint._to_arrow)."""
    def languages(self) -> List[str]:
        """The target languages that have rules."""
