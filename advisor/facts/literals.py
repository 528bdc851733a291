"""Literal values of Python expressions, folded from the syntax tree without evaluating anything.

Kept: constants, f-strings without placeholders, lists / tuples / sets / dicts (a container keeps
its UNKNOWN elements, so its length still says how many candidates a grid has), ``dict(k=v)``,
unary ``-``/``+``/``not``/``~``, arithmetic on numbers (``2**10``, ``3 * 24``) and ``+``/``*`` on
strings and lists within size limits, and names bound to literals at module level. Everything else
is :data:`UNKNOWN`.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Mapping
from typing import Any

from advisor.facts.model import UNKNOWN

MAX_DEPTH = 40
MAX_ELEMENTS = 10_000
MAX_SEQUENCE_RESULT = 10_000  # longest string or list an operator may build
MAX_POWER_EXPONENT = 128
MAX_INT_BITS = 4096

_NUMBER_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _binary(op: ast.operator, left: Any, right: Any) -> Any:
    if _is_number(left) and _is_number(right):
        too_big = abs(right) > MAX_POWER_EXPONENT or (isinstance(left, int) and abs(left) > 2**64)
        if isinstance(op, ast.Pow) and too_big:
            return UNKNOWN
        function = _NUMBER_OPERATORS.get(type(op))
        if function is None:
            return UNKNOWN
        result = function(left, right)
        if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
            return UNKNOWN  # `B = A * A` line after line would otherwise grow without bound
        return result if isinstance(result, int | float) else UNKNOWN  # no complex numbers
    if (
        isinstance(op, ast.Add)
        and type(left) is type(right)
        and isinstance(left, str | list | tuple)
    ):
        return left + right if len(left) + len(right) <= MAX_SEQUENCE_RESULT else UNKNOWN
    if isinstance(op, ast.Mult):
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        if (
            isinstance(sequence, str | list | tuple)
            and isinstance(count, int)
            and not isinstance(count, bool)
            and len(sequence) * max(count, 0) <= MAX_SEQUENCE_RESULT
        ):
            return sequence * count
    return UNKNOWN


def _unary(op: ast.unaryop, value: Any) -> Any:
    if value is UNKNOWN:
        return UNKNOWN
    if isinstance(op, ast.Not):
        return not value
    if not _is_number(value):
        return UNKNOWN
    if isinstance(op, ast.USub):
        return -value
    if isinstance(op, ast.UAdd):
        return value
    if isinstance(op, ast.Invert) and isinstance(value, int):
        return ~value
    return UNKNOWN


def fold(node: ast.AST | None, names: Mapping[str, Any] | None = None, depth: int = 0) -> Any:
    """The literal value of ``node``, or UNKNOWN. ``names`` maps module-level names to literals."""
    if node is None or depth > MAX_DEPTH:
        return UNKNOWN
    kind = type(node)
    if kind is ast.Constant:
        value = node.value  # type: ignore[attr-defined]
        return UNKNOWN if value is Ellipsis else value
    try:
        if kind is ast.Name:
            if names is not None:
                return names.get(node.id, UNKNOWN)  # type: ignore[attr-defined]
            return UNKNOWN
        if kind is ast.List or kind is ast.Tuple or kind is ast.Set:
            elements = node.elts  # type: ignore[attr-defined]
            if len(elements) > MAX_ELEMENTS or any(type(e) is ast.Starred for e in elements):
                return UNKNOWN
            values = [fold(e, names, depth + 1) for e in elements]
            if kind is ast.List:
                return values
            if kind is ast.Tuple:
                return tuple(values)
            if any(v is UNKNOWN for v in values):
                return UNKNOWN
            return set(values)
        if kind is ast.Dict:
            return _fold_dict(node.keys, node.values, names, depth)  # type: ignore[attr-defined]
        if kind is ast.UnaryOp:
            return _unary(node.op, fold(node.operand, names, depth + 1))  # type: ignore[attr-defined]
        if kind is ast.BinOp:
            left = fold(node.left, names, depth + 1)  # type: ignore[attr-defined]
            if left is UNKNOWN:
                return UNKNOWN
            right = fold(node.right, names, depth + 1)  # type: ignore[attr-defined]
            if right is UNKNOWN:
                return UNKNOWN
            return _binary(node.op, left, right)  # type: ignore[attr-defined]
        if kind is ast.JoinedStr:
            parts = node.values  # type: ignore[attr-defined]
            if all(type(p) is ast.Constant and isinstance(p.value, str) for p in parts):
                return "".join(p.value for p in parts)
            return UNKNOWN
        if kind is ast.Call:
            function = node.func  # type: ignore[attr-defined]
            if (  # int(1e5), float(3): a number written as a conversion
                type(function) is ast.Name
                and function.id in ("int", "float")  # type: ignore[attr-defined]
                and len(node.args) == 1  # type: ignore[attr-defined]
                and not node.keywords  # type: ignore[attr-defined]
            ):
                value = fold(node.args[0], names, depth + 1)  # type: ignore[attr-defined]
                if not finite_number(value):
                    return UNKNOWN
                return int(value) if function.id == "int" else float(value)  # type: ignore[attr-defined]
            if type(function) is ast.Name and function.id == "dict" and not node.args:  # type: ignore[attr-defined]
                keywords = node.keywords  # type: ignore[attr-defined]
                if any(k.arg is None for k in keywords):
                    return UNKNOWN
                return {k.arg: fold(k.value, names, depth + 1) for k in keywords}
    except (ArithmeticError, ValueError, TypeError, MemoryError):
        return UNKNOWN
    return UNKNOWN


def _fold_dict(
    keys: list[ast.expr | None], values: list[ast.expr], names: Mapping[str, Any] | None, depth: int
) -> Any:
    if len(keys) > MAX_ELEMENTS:
        return UNKNOWN
    result: dict[Any, Any] = {}
    for key_node, value_node in zip(keys, values, strict=False):
        if key_node is None:  # ``**other``: the rest of the dict is not known
            continue
        key = fold(key_node, names, depth + 1)
        if key is UNKNOWN or isinstance(key, list | dict | set):
            continue
        result[key] = fold(value_node, names, depth + 1)
    return result


def sized(value: Any) -> int | None:
    """How many items iterating over a literal value yields, or None."""
    if isinstance(value, list | tuple | dict | set | str | range):
        return len(value)
    return None


def finite_number(value: Any) -> bool:
    return _is_number(value) and math.isfinite(value)
