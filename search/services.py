"""The search over everything a user may see: PostgreSQL's full-text search with the Swedish
configuration (stemming, ranking, the matching words highlighted), and a plain
case-insensitive match on other databases (``make run`` uses SQLite).

Each kind is fetched through its pages' access rules (``kinds.py``), one query per kind and
a capped or paged number of rows, so a search costs the same whatever the amount of data.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .kinds import KINDS, SearchKind

CONFIG = "swedish"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# ts_headline marks the matches with these characters (from Unicode's private use area, so
# never typed); the text is escaped first and only then are they turned into <mark>.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}(.*?){STOP}", re.S)
_TERM = re.compile(r"[^\W_]+")
SNIPPET_CHARS = 220


@dataclass(frozen=True)
class SearchHit:
    title_html: SafeString
    snippet_html: SafeString
    url: str
    context: str


@dataclass(frozen=True)
class KindResults:
    kind: SearchKind
    hits: list[SearchHit]
    more: bool


def search_terms(query: str) -> list[str]:
    """The words searched for: letters and digits, at least two characters, at most eight."""
    words = _TERM.findall((query or "")[:MAX_QUERY_LENGTH].lower())
    return list(dict.fromkeys(word for word in words if len(word) >= 2))[:MAX_TERMS]


def marked_to_html(text: str) -> SafeString:
    """Text with START…STOP around the matches as safe HTML: everything escaped, the
    matches in <mark>, stray marker characters dropped."""

    def clean(part):
        return escape(part.replace(START, "").replace(STOP, ""))

    html, position = [], 0
    for match in _MARKED.finditer(text):
        html.append(clean(text[position : match.start()]))
        html.append(f"<mark>{clean(match.group(1))}</mark>")
        position = match.end()
    html.append(clean(text[position:]))
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above


def _mark_plain(text: str, terms: list[str], *, snippet: bool) -> str:
    """Python's version of ts_headline for the plain search: the matches marked, and for a
    snippet only the text around the first match."""
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    text = " ".join(text.split())
    if snippet:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
        window = text[start : start + SNIPPET_CHARS]
        text = (
            ("… " if start else "") + window + (" …" if start + SNIPPET_CHARS < len(text) else "")
        )
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def _joined_text(related) -> Coalesce:
    """The related rows' text in one string, as a subquery (one query for the whole page)."""
    texts = (
        related.model.objects.filter(**{related.foreign_key: OuterRef("pk")})
        .order_by()
        .values(related.foreign_key)
        .annotate(text=StringAgg(related.field, "\n"))
        .values("text")
    )
    return Coalesce(Subquery(texts), Value(""), output_field=TextField())


def own_vector(kind: SearchKind, *extra) -> SearchVector:
    """The vector of a kind's own fields (and ``extra`` text after them): the expression the
    GIN indexes of search/migrations are built on, so it must not change without them."""
    return SearchVector(*kind.fields, *extra, config=CONFIG)


def related_vector(related) -> SearchVector:
    """The vector of one related field (a goal's indicator names), indexed on its own."""
    return SearchVector(related.field, config=CONFIG)


class Search:
    """One user's search for ``query``."""

    def __init__(self, user, query: str):
        self.user = user
        self.query = (query or "").strip()[:MAX_QUERY_LENGTH]
        self.terms = search_terms(self.query)
        self.full_text = connection.vendor == "postgresql"

    def _tsquery(self) -> SearchQuery:
        # Each word as a prefix of a stem: "etableringsprogram" finds "etableringsprogrammet",
        # which the Swedish stemmer leaves whole. The words hold only letters and digits.
        raw = " & ".join(f"{term}:*" for term in self.terms)
        return SearchQuery(raw, config=CONFIG, search_type="raw")

    def queryset(self, kind: SearchKind) -> QuerySet:
        """The rows of ``kind`` the user may see that match, best first."""
        rows = kind.queryset(self.user)
        if not self.terms:
            return rows.none()
        if not self.full_text:
            for term in self.terms:
                condition = Q()
                for field in kind.fields:
                    condition |= Q(**{f"{field}__icontains": term})
                for related in kind.related:
                    condition |= Q(
                        Exists(
                            related.model.objects.filter(
                                **{
                                    related.foreign_key: OuterRef("pk"),
                                    f"{related.field}__icontains": term,
                                }
                            )
                        )
                    )
                rows = rows.filter(condition)
            return rows.order_by("-pk")
        tsquery = self._tsquery()
        if kind.related:
            rows = self._narrowed(kind, rows)
        related_names = []
        for number, related in enumerate(kind.related):
            name = f"search_related_{number}"
            rows = rows.alias(**{name: _joined_text(related)})
            related_names.append(name)
        body = [F(field) for field in (*kind.body_fields, *related_names)]
        if len(body) > 1:
            separated = [part for field in body for part in (field, Value("\n"))][:-1]
            body = [Concat(*separated, output_field=TextField())]
        headline = {"config": CONFIG, "start_sel": START, "stop_sel": STOP}
        rows = (
            rows.alias(search_vector=own_vector(kind, *related_names))
            .filter(search_vector=tsquery)
            .annotate(
                search_rank=SearchRank(F("search_vector"), tsquery),
                search_snippet=SearchHeadline(
                    body[0],
                    tsquery,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                    **headline,
                ),
            )
            .order_by("-search_rank", "-pk")
        )
        if kind.title_field:
            rows = rows.annotate(
                search_title=SearchHeadline(
                    kind.title_field, tsquery, highlight_all=True, **headline
                )
            )
        return rows

    def _narrowed(self, kind: SearchKind, rows) -> QuerySet:
        """``rows`` that have each word in their own fields or in a related row's text.

        The same rows the whole vector (own and related text in one) matches, since that
        vector's words are the union of its parts' and every word is matched on its own;
        but each part is found through its GIN index (search/migrations/0002), so only these
        rows are vectorised whole, for the ranking and the exact match."""
        model = rows.model
        for term in self.terms:
            word = SearchQuery(f"{term}:*", config=CONFIG, search_type="raw")
            own = model.objects.alias(v=own_vector(kind)).filter(v=word).values("pk")
            condition = Q(pk__in=own)
            for related in kind.related:
                condition |= Q(
                    pk__in=related.model.objects.alias(v=related_vector(related))
                    .filter(v=word)
                    .values(related.foreign_key)
                )
            rows = rows.filter(condition)
        return rows

    def hits(self, kind: SearchKind, rows) -> list[SearchHit]:
        return [self._hit(kind, row) for row in rows]

    def _hit(self, kind: SearchKind, row) -> SearchHit:
        if self.full_text:
            title = row.search_title if kind.title_field else kind.title(row)
            snippet = row.search_snippet or ""
        else:
            title = (
                _mark_plain(getattr(row, kind.title_field), self.terms, snippet=False)
                if kind.title_field
                else kind.title(row)
            )
            body = "\n".join(getattr(row, field) or "" for field in kind.body_fields)
            snippet = _mark_plain(body, self.terms, snippet=True)
        if not _MARKED.search(snippet):
            snippet = ""  # the words are in the title only: no text without a match
        return SearchHit(
            title_html=mark_safe(escape(kind.title_prefix(row)) + marked_to_html(title)),  # noqa: S308
            snippet_html=marked_to_html(snippet),
            url=kind.url(row),
            context=str(kind.context(row)),
        )

    def overview(self, *, per_kind: int) -> list[KindResults]:
        """Up to ``per_kind`` hits of each kind that has any: one query per kind."""
        results = []
        for kind in KINDS:
            rows = list(self.queryset(kind)[: per_kind + 1])
            if rows:
                results.append(
                    KindResults(
                        kind=kind, hits=self.hits(kind, rows[:per_kind]), more=len(rows) > per_kind
                    )
                )
        return results
