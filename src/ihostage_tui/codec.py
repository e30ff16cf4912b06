"""JSON-ready values from the model's dataclasses and back, derived from their fields' types.

Plain Python, no Textual. Used by the story cache and the remembered reading position, so a field
added to a dataclass is written and read back without anyone remembering to: the types of the
fields say how. A dataclass becomes an object of its fields; a tuple a list; a `date` its ISO
form; an enum its value; a `datetime` its ISO form with the UTC offset and, for an IANA zone, the
zone's name in brackets (`2022-10-30T02:30:00+01:00[Europe/Amsterdam]`, as RFC 9557 writes it),
so the wall time, the zone and which of a repeated hour's two times it is all come back exactly,
for any year from 1 to 9999.

`decode` trusts nothing: any value of the wrong type, any unknown or missing field (without a
default) raises `ValueError`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

T = TypeVar("T")
Decoder = Callable[[Any], Any]


def encode(value: object) -> Any:
    """A value made of JSON types (dict, list, str, int, float, bool, None)."""
    if isinstance(value, str | bool | int | float) or value is None:
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, datetime):
        return _encode_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot encode a {type(value).__name__}")


def decode(kind: type[T], data: Any) -> T:
    """The value of type `kind` that `encode` made `data` from; `ValueError` if it is not one."""
    try:
        found: T = _decoder(typing.cast(Any, kind))(data)
        return found
    except (TypeError, KeyError, OverflowError, ValueError) as error:
        raise ValueError(f"not a {kind.__name__}: {error}") from None


def _encode_moment(moment: datetime) -> str:
    text = moment.isoformat()
    if isinstance(moment.tzinfo, ZoneInfo):
        text += f"[{moment.tzinfo.key}]"
    return text


def _decode_moment(data: Any) -> datetime:
    text, _, zone = _typed(data, str).partition("[")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a time without a UTC offset")
    if not zone:
        return moment
    offset, tz = moment.utcoffset(), ZoneInfo(zone.removesuffix("]"))
    for fold in (0, 1):  # the second of a repeated hour has fold 1
        found = moment.replace(tzinfo=tz, fold=fold)
        if found.utcoffset() == offset:
            return found
    raise ValueError(f"{text} is not a time in {tz.key}")


def _typed(data: Any, kind: type[T]) -> T:
    if type(data) is not kind:
        raise TypeError(f"expected {kind.__name__}, found {type(data).__name__}")
    return data


@cache
def _decoder(kind: Any) -> Decoder:
    """How to read a value of this type (built once per type)."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda data: tuple(map(item, _typed(data, list)))
    if origin in (typing.Union, types.UnionType):
        return _optional(kind, args)
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    simple: dict[Any, Decoder] = {
        str: lambda data: _typed(data, str), bool: lambda data: _typed(data, bool),
        int: lambda data: _typed(data, int), datetime: _decode_moment,
        float: lambda data: float(data) if type(data) in (int, float) else _typed(data, float),
        date: lambda data: date.fromisoformat(_typed(data, str)),
    }
    if kind in simple:
        return simple[kind]
    raise TypeError(f"no decoder for {kind!r}")


def _optional(kind: Any, args: tuple[Any, ...]) -> Decoder:
    others = [arg for arg in args if arg is not type(None)]
    if len(others) != 1:
        raise TypeError(f"no decoder for {kind!r}")
    inner = _decoder(others[0])
    return lambda data: None if data is None else inner(data)


def _dataclass(kind: Any) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = [f for f in dataclasses.fields(kind) if f.init]
    names = frozenset(f.name for f in fields)
    readers = [(f.name, None if hints[f.name] is str else _decoder(hints[f.name]))
               for f in fields]  # text, most fields, is checked in place: no call per value

    def read(data: Any) -> Any:
        if type(data) is not dict or len(data) != len(readers):
            return _partial(kind, hints, names, data)
        values = []
        for name, reader in readers:
            value = data[name]  # KeyError: an unknown field stands in for a missing one
            if reader is not None:
                value = reader(value)
            elif type(value) is not str:
                raise TypeError(f"{name}: expected str, found {type(value).__name__}")
            values.append(value)
        return kind(*values)

    return read


def _partial(kind: Any, hints: dict[str, Any], names: frozenset[str], data: Any) -> Any:
    """A dataclass from an object that leaves out fields with defaults (an older file)."""
    given = _typed(data, dict)
    if given.keys() - names:
        raise ValueError(f"unknown fields {sorted(given.keys() - names)[:3]}")
    return kind(**{name: _decoder(hints[name])(value) for name, value in given.items()})
