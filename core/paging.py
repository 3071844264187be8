"""Pages of a private list by keyset, never by OFFSET and never all at once.

Sealed text can't be sorted by the database, so a list is ordered by plain
columns it holds (a position the person chose, or when a row was made) with
the row's id last to break ties. A page is "the rows after this one" or "the
rows before this one": the database walks an index on (owner, those columns)
straight to it, so the hundredth page costs what the first does, and only the
rows shown are fetched and opened.

The cursor in the address holds only those plain columns (a number, a time,
an id), never anything private.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

SEPARATOR = "_"


@dataclass
class Page:
    items: list
    previous: str | None  # the cursor for ?before= (the page above), if there is one
    next: str | None  # the cursor for ?after= (the page below), if there is one

    @property
    def is_first(self) -> bool:
        return self.previous is None


def _names(order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name.lstrip("-") for name in order)


def _descending(order: tuple[str, ...]) -> bool:
    ways = {name.startswith("-") for name in order}
    if len(ways) != 1:
        raise ValueError("a keyset page's columns all run the same way")
    return ways.pop()


def _flip(order: tuple[str, ...]) -> list[str]:
    return [name[1:] if name.startswith("-") else f"-{name}" for name in order]


def cursor_of(row, order: tuple[str, ...]) -> str:
    return SEPARATOR.join(str(getattr(row, name)) for name in _names(order))


def parse_cursor(model, order: tuple[str, ...], text: str | None) -> tuple | None:
    """The column values in a cursor, or None when it is missing or malformed."""
    if not text or len(text) > 200:
        return None
    names = _names(order)
    parts = text.split(SEPARATOR)
    if len(parts) != len(names):
        return None
    try:
        return tuple(
            model._meta.get_field(name).to_python(part)
            for name, part in zip(names, parts, strict=True)
        )
    except (ValidationError, ValueError, TypeError, OverflowError):
        return None


def _beyond(order: tuple[str, ...], values: tuple, ahead: bool, inclusive: bool = False) -> Q:
    """Rows after (ahead) or before a key in the page order, written as a range
    on the first column less the ties on the wrong side, so an index serves it."""
    ahead = ahead != _descending(order)  # "after" in a newest-first list is "less than"
    order = _names(order)
    first = order[0]
    query = Q(**{f"{first}__{'gte' if ahead else 'lte'}": values[0]})
    if len(order) == 1:
        return query if inclusive else query & ~Q(**{first: values[0]})
    if inclusive:
        wrong_side = "lt" if ahead else "gt"
    else:
        wrong_side = "lte" if ahead else "gte"
    return query & ~Q(**{first: values[0], f"{order[1]}__{wrong_side}": values[1]})


def keyset_page(
    rows: QuerySet,
    order: tuple[str, ...],
    size: int,
    *,
    after: str | None = None,
    before: str | None = None,
    start: str | None = None,
) -> Page:
    """One page of `rows` in `order`: one or two columns, both ascending or both
    descending ("-updated_at", "-id"), the last unique.

    `after`/`before`: cursors from a Page. `start`: the page beginning with the
    row at that cursor (where a row the person just moved now stands).
    """
    if not 1 <= len(order) <= 2:
        raise ValueError("a keyset page is ordered by one or two columns")
    _descending(order)
    model = rows.model
    asc = [*order]
    desc = _flip(order)
    key_before = parse_cursor(model, order, before)
    if key_before is not None:
        found = list(
            rows.filter(_beyond(order, key_before, ahead=False)).order_by(*desc)[: size + 1]
        )
        more_above = len(found) > size
        found = found[:size][::-1]
        if not found:
            return keyset_page(rows, order, size)
        return Page(
            found,
            cursor_of(found[0], order) if more_above else None,
            cursor_of(found[-1], order),
        )
    key_after = parse_cursor(model, order, after)
    key_start = parse_cursor(model, order, start)
    key = key_after if key_after is not None else key_start
    query = rows
    if key is not None:
        query = rows.filter(_beyond(order, key, ahead=True, inclusive=key_after is None))
    found = list(query.order_by(*asc)[: size + 1])
    more_below = len(found) > size
    found = found[:size]
    previous = None
    if key is not None and found:
        head = cursor_of(found[0], order)
        head_key = tuple(getattr(found[0], name) for name in _names(order))
        if rows.filter(_beyond(order, head_key, ahead=False)).exists():
            previous = head
    return Page(found, previous, cursor_of(found[-1], order) if found and more_below else None)


def neighbour(rows: QuerySet, order: tuple[str, ...], row, *, ahead: bool):
    """The row just after (ahead) or just before `row` in `order`, or None."""
    key = tuple(getattr(row, name) for name in _names(order))
    by = [*order] if ahead else _flip(order)
    return rows.filter(_beyond(order, key, ahead=ahead)).order_by(*by).first()


def page_from_request(request, rows: QuerySet, order: tuple[str, ...], size: int) -> Page:
    return keyset_page(
        rows,
        order,
        size,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        start=request.GET.get("from"),
    )
