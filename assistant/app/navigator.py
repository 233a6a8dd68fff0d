"""The options navigator: an SME profile → every financing option, as fitting or not, cited.

The rules live in ``corpus/options.yaml`` (see the comment at its top). Each point of
an option is a quote from a brief; :class:`CitationResolver` finds the indexed chunk
that contains it and turns it into an ordinary :class:`~assistant.types.Citation`,
so the navigator's sources render exactly like the chat's. A quote that cannot be
found is an error, never shown uncited: no advice without a source.

A quote must also be *about* what it is shown for: the rules are checked when they load
(:func:`check_relevance`): a reason must mention the answer it speaks to (a quote about
事業承継 for the 承継 stage), a caveat or next step must name its option. Every option is
placed for every profile: as fitting (with its reasons), or as not fitting (with the cited
reason that rules it out, or, when no reason in the documents fits the answers, with the
quote that says what the option is).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product
from pathlib import Path

import yaml

from assistant.core.errors import ConfigError, IndexStateError
from assistant.core.messages import t
from assistant.core.safe_yaml import YamlLimitError, load_yaml
from assistant.core.types import Chunk, Citation, SourceDoc
from assistant.index.store import IndexStore
from assistant.text.ja import normalize

OPTIONS_FILE = "options.yaml"

COMPANY_FORMS = ("kabushiki", "mochibun", "kojin")
STAGES = ("sogyo", "seicho", "shokei", "saisei")
#: Every profile field with its allowed values (the page's questions, in order).
PROFILE_FIELDS: dict[str, tuple] = {
    "company_form": COMPANY_FORMS,
    "registered_ip": (True, False),
    "real_estate": (True, False),
    "movable_assets": (True, False),
    "avoid_guarantee": (True, False),
    "stage": STAGES,
}


@dataclass(frozen=True)
class Profile:
    """What an SME tells the navigator about itself."""

    company_form: str = "kabushiki"
    registered_ip: bool = False
    real_estate: bool = False
    avoid_guarantee: bool = False
    stage: str = "seicho"
    #: Inventory, receivables or machinery (what ABL lends against).
    movable_assets: bool = False

    def __post_init__(self) -> None:
        for name, allowed in PROFILE_FIELDS.items():
            if getattr(self, name) not in allowed:
                raise ConfigError(f"Profile {name} must be one of {allowed}; it is {getattr(self, name)!r}.")


def all_profiles() -> list[Profile]:
    """Every combination of answers (for tests and for checking the rules)."""
    return [Profile(**dict(zip(PROFILE_FIELDS, values, strict=True))) for values in product(*PROFILE_FIELDS.values())]


@dataclass(frozen=True)
class RuleCite:
    source_id: str
    quote: str


@dataclass(frozen=True)
class Point:
    """One cited statement of an option, shown when ``when`` matches the profile."""

    cite: RuleCite
    when: dict[str, tuple] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)

    def applies(self, profile: Profile) -> bool:
        return _matches(self.when, profile)


@dataclass(frozen=True)
class Option:
    id: str
    name: dict[str, str]
    why: tuple[Point, ...]
    about: Point
    caveats: tuple[Point, ...] = ()
    next_steps: tuple[Point, ...] = ()
    excluded_when: tuple[Point, ...] = ()
    note: dict[str, str] = field(default_factory=dict)
    #: How the documents name the option; caveats, next steps and ``about`` must use one.
    terms: tuple[str, ...] = ()

    def points(self) -> tuple[Point, ...]:
        return (self.about, *self.excluded_when, *self.why, *self.caveats, *self.next_steps)


#: profile field → value → words a quote uses when it speaks to that answer.
Attributes = dict[str, dict[object, tuple[str, ...]]]


def _matches(when: dict[str, tuple], profile: Profile) -> bool:
    return all(getattr(profile, k) in allowed for k, allowed in when.items())


def _text(field_: dict[str, str], lang: str) -> str:
    return field_.get(lang) or field_.get("ja", "")


# ---------------------------------------------------------------------- loading


def _condition(raw: object, where: str) -> dict[str, tuple]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a condition must be a mapping of profile fields.")
    out: dict[str, tuple] = {}
    for key, value in raw.items():
        if key not in PROFILE_FIELDS:
            raise ConfigError(f"{where}: unknown profile field {key!r}.", f"Use one of {', '.join(PROFILE_FIELDS)}.")
        values = tuple(value) if isinstance(value, list) else (value,)
        bad = [v for v in values if v not in PROFILE_FIELDS[key]]
        if bad:
            raise ConfigError(f"{where}: {key} cannot be {bad[0]!r}.", f"Allowed: {PROFILE_FIELDS[key]}.")
        out[key] = values
    return out


def _lang_map(raw: object, where: str, required: bool = False) -> dict[str, str]:
    if raw is None and not required:
        return {}
    if not isinstance(raw, dict) or not raw.get("ja"):
        raise ConfigError(f"{where}: needs a Japanese text ({{ja: …, en: …}}).")
    return {str(k): str(v) for k, v in raw.items()}


def _point(raw: object, where: str) -> Point:
    if not isinstance(raw, dict) or not isinstance(raw.get("cite"), dict):
        raise ConfigError(f"{where}: every point needs a `cite: {{source_id, quote}}`.", "No advice without a source.")
    cite = raw["cite"]
    if not cite.get("source_id") or not cite.get("quote"):
        raise ConfigError(f"{where}: the citation needs both source_id and quote.")
    return Point(
        cite=RuleCite(str(cite["source_id"]), normalize(str(cite["quote"])).strip()),
        when=_condition(raw.get("when"), where),
        label=_lang_map(raw.get("label"), f"{where} label"),
        note=_lang_map(raw.get("note"), f"{where} note"),
    )


def _attributes(raw: object, where: str) -> Attributes:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: `attributes` must map each profile field to its values' words.")
    out: Attributes = {}
    for name, allowed in PROFILE_FIELDS.items():
        values = raw.get(name)
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: `attributes` has no words for {name!r}.")
        out[name] = {}
        for value in allowed:
            words = values.get(value)
            if not isinstance(words, list) or not words:
                raise ConfigError(f"{where}: `attributes.{name}` has no words for {value!r}.")
            out[name][value] = tuple(normalize(str(w)) for w in words)
    return out


def check_relevance(option: Option, attributes: Attributes) -> list[str]:
    """What in ``option`` is not about what it is shown for (empty when everything is).

    A ``why`` or ``excluded_when`` quote must mention the answer it speaks to: for at least
    one field of its ``when``, a word for every listed value. ``about``, caveats and next
    steps must name the option (one of its ``terms``), or, with a ``when``, its answer."""

    def speaks_to(point: Point) -> bool:
        return any(
            all(any(word in point.cite.quote for word in attributes[name][value]) for value in values)
            for name, values in point.when.items()
        )

    def names_option(point: Point) -> bool:
        return any(term in point.cite.quote for term in option.terms)

    problems: list[str] = []
    for kind, points in (("why", option.why), ("excluded_when", option.excluded_when)):
        for i, point in enumerate(points):
            if not point.when:
                problems.append(f"{option.id} {kind}[{i}] has no `when`: a reason must say which answer it is for.")
            elif not speaks_to(point):
                problems.append(
                    f"{option.id} {kind}[{i}] 「{point.cite.quote[:30]}…」 does not mention the answer it is shown "
                    f"for ({', '.join(point.when)})."
                )
    for kind, points in (("about", (option.about,)), ("caveats", option.caveats), ("next_steps", option.next_steps)):
        for i, point in enumerate(points):
            if not names_option(point) and not (point.when and speaks_to(point)):
                problems.append(
                    f"{option.id} {kind}[{i}] 「{point.cite.quote[:30]}…」 does not name the option "
                    f"({', '.join(option.terms)})."
                )
    return problems


def load_rules(path: Path) -> tuple[Option, ...]:
    """Read and check ``options.yaml``; a malformed rule is a :class:`ConfigError` naming it."""
    if not path.exists():
        raise ConfigError(
            f"The navigator rules {path} are missing.", "Restore corpus/options.yaml from the repository."
        )
    try:
        data = load_yaml(path) or {}
    except YamlLimitError as exc:
        raise ConfigError(f"{path.name}: {exc}.") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path.name} is not valid YAML ({exc.__class__.__name__}).") from exc
    attributes = _attributes(data.get("attributes"), path.name)
    options: list[Option] = []
    for i, raw in enumerate(data.get("options") or []):
        oid = str(raw.get("id") or f"#{i + 1}")
        where = f"{path.name} option {oid}"
        points = {
            key: tuple(_point(p, f"{where} {key}[{j}]") for j, p in enumerate(raw.get(key) or []))
            for key in ("why", "caveats", "next_steps", "excluded_when")
        }
        if not points["why"]:
            raise ConfigError(f"{where}: needs at least one cited `why` point.")
        if not isinstance(raw.get("about"), dict):
            raise ConfigError(f"{where}: needs `about: {{source_id, quote}}`, a quote saying what the option is.")
        terms = raw.get("terms")
        if not isinstance(terms, list) or not terms:
            raise ConfigError(f"{where}: needs `terms`, the words the documents use for the option.")
        option = Option(
            id=oid,
            name=_lang_map(raw.get("name"), f"{where} name", required=True),
            note=_lang_map(raw.get("note"), f"{where} note"),
            about=_point({"cite": raw["about"]}, f"{where} about"),
            terms=tuple(normalize(str(term)) for term in terms),
            **points,
        )
        problems = check_relevance(option, attributes)
        if problems:
            raise ConfigError(f"{path.name}: {problems[0]}", "Cite a sentence that is about it, or drop the point.")
        options.append(option)
    if not options:
        raise ConfigError(f"{path.name} defines no options.")
    return tuple(options)


# ---------------------------------------------------------------------- citations


class CitationResolver:
    """Find the indexed chunk that contains a rule's quote."""

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._chunks: dict[str, list[Chunk]] = {}

    def _chunks_of(self, source_id: str) -> list[Chunk]:
        if source_id not in self._chunks:
            ids = self.store.manifest.chunk_ids_of(source_id)
            found = self.store.chunks(ids)
            self._chunks[source_id] = [found[cid] for cid in ids if cid in found]
        return self._chunks[source_id]

    def resolve(self, cite: RuleCite) -> tuple[Chunk, SourceDoc, tuple[str, ...]]:
        """The chunk holding the quote, its document, and the fact URLs of the quoted span."""
        for chunk in self._chunks_of(cite.source_id):
            start = chunk.text.find(cite.quote)
            if start >= 0:
                urls = chunk.urls_at(start, start + len(cite.quote))
                return chunk, self.store.document(cite.source_id), urls
        raise IndexStateError(
            f"The navigator cites {cite.source_id!r} (「{cite.quote[:30]}…」), but no indexed chunk contains it.",
            "Run `ipfin ingest` to index the bundled briefs, or fix the quote in corpus/options.yaml.",
        )


# ---------------------------------------------------------------------- results


@dataclass(frozen=True)
class CitedPoint:
    label: str
    note: str
    citation: Citation


@dataclass(frozen=True)
class Recommendation:
    option_id: str
    name: str
    note: str
    why: tuple[CitedPoint, ...]
    caveats: tuple[CitedPoint, ...]
    next_steps: tuple[CitedPoint, ...]

    @property
    def points(self) -> tuple[CitedPoint, ...]:
        return self.why + self.caveats + self.next_steps


@dataclass(frozen=True)
class Exclusion:
    option_id: str
    name: str
    reasons: tuple[CitedPoint, ...]
    #: True when a cited reason rules the option out; False when no reason in the documents
    #: fits the answers (``reasons`` then holds the quote saying what the option is).
    ruled_out: bool = True
    note: str = ""


@dataclass(frozen=True)
class NavigatorResult:
    profile: Profile
    recommended: tuple[Recommendation, ...]
    excluded: tuple[Exclusion, ...]
    #: Every citation once, numbered [1]..[n] in order of first use.
    citations: tuple[Citation, ...]


class Navigator:
    """Rules + an index to cite from. ``recommend(profile)`` is pure apart from reading the index."""

    def __init__(self, options: tuple[Option, ...], resolver: CitationResolver) -> None:
        self.options = options
        self.resolver = resolver

    @classmethod
    def open(cls, corpus_dir: Path, store: IndexStore) -> Navigator:
        return cls(load_rules(Path(corpus_dir) / OPTIONS_FILE), CitationResolver(store))

    def recommend(self, profile: Profile, lang: str = "ja") -> NavigatorResult:
        numbered: dict[RuleCite, Citation] = {}

        def cited(point: Point) -> CitedPoint:
            if point.cite not in numbered:
                chunk, doc, urls = self.resolver.resolve(point.cite)
                numbered[point.cite] = Citation(len(numbered) + 1, chunk, doc, point.cite.quote, urls)
            return CitedPoint(_text(point.label, lang), _text(point.note, lang), numbered[point.cite])

        ranked: list[tuple[int, int, Option, list[Point]]] = []
        excluded_points: list[tuple[Option, list[Point]]] = []
        unsupported: list[Option] = []
        for order, option in enumerate(self.options):
            reasons = [p for p in option.excluded_when if p.applies(profile)]
            if reasons:
                excluded_points.append((option, reasons))
                continue
            why = [p for p in option.why if p.applies(profile)]
            if why:
                ranked.append((-len(why), order, option, why))
            else:
                unsupported.append(option)
        recommended: list[Recommendation] = []
        for _, _, option, why in sorted(ranked, key=lambda r: (r[0], r[1])):
            recommended.append(
                Recommendation(
                    option_id=option.id,
                    name=_text(option.name, lang),
                    note=_text(option.note, lang),
                    why=tuple(cited(p) for p in why),
                    caveats=tuple(cited(p) for p in option.caveats if p.applies(profile)),
                    next_steps=tuple(cited(p) for p in option.next_steps if p.applies(profile)),
                )
            )
        # Exclusions are cited after the recommendations so the numbers read top to bottom.
        no_reason = t("navigator.no_reason", lang)
        excluded = tuple(
            Exclusion(option.id, _text(option.name, lang), tuple(cited(p) for p in reasons), True, _text(option.note, lang))
            for option, reasons in excluded_points
        ) + tuple(
            Exclusion(
                option.id,
                _text(option.name, lang),
                (replace(cited(option.about), label=no_reason),),
                False,
                _text(option.note, lang),
            )
            for option in unsupported
        )
        return NavigatorResult(profile, tuple(recommended), excluded, tuple(numbered.values()))

    def check(self) -> list[str]:
        """Every rule citation that does not resolve in the index (empty when all do)."""
        problems: list[str] = []
        for option in self.options:
            for point in option.points():
                try:
                    self.resolver.resolve(point.cite)
                except IndexStateError as exc:
                    problems.append(f"{option.id}: {exc}")
        return problems
