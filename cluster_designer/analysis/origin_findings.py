"""The diagnosis's findings about where the region's actors came from and what its groups
join (`arrivals.*`, `groups.*`), each sentence backed by its figures (see claims.py).

The seed's knowledge cluster accumulates companies from outside and works through joint
research organizations of industry, academia and government; these findings say how far the
design shows both. Nothing is said about origins no actor has recorded, nor about groups a
design does not have.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext, pgettext
from .claims import Facts, Finding, pct, sector_plural
from .results import Evaluation

SECTORS = ("university", "company", "support")
MAX_SENTENCES = 3  # a finding says at most three (docs/evaluation.md): the rest only if room
# One member of a sector, with its article: "None of them includes a university."
SECTOR_MEMBER = {
    "university": N_("a university"),
    "company": N_("a company"),
    "support": N_("a support organization"),
}


def origin_findings(ev: Evaluation) -> tuple[Finding, ...]:
    found = (_arrivals(ev), _groups(ev))
    return tuple(f for f in found if f is not None)


def _arrivals(ev: Evaluation) -> Finding | None:
    """How many companies, and how many actors, are recorded as moved in. Where some origins
    are not recorded, every sentence says "recorded as" and how many are not: "none moved
    in" would claim more than the design knows."""
    if ev.arrivals.recorded == 0:
        return None
    f = Facts(ev)
    f.claim("arrivals.recorded", ">", 0)
    count = ev.arrivals.count
    companies = ev.actors.region_by_sector["company"]
    sentences = []
    if companies:
        sentences.append(_companies_sentence(f, ev))
    region = ev.actors.by_location["region"]
    if not companies or region > companies:
        sentences.append(_actors_sentence(f, ev))
    spin_offs = ev.arrivals.by_origin["spin_off"]
    if spin_offs:
        f.exact("arrivals.by_origin.spin_off")
        university = ev.arrivals.university_spin_offs
        if university:
            f.exact("arrivals.university_spin_offs")
        else:
            f.claim("arrivals.university_spin_offs", "==", 0)
        sentences.append(
            ngettext(
                "The region has {n} spin-off ({university} from a university).",
                "The region has {n} spin-offs ({university} from a university).",
                spin_offs,
            ).format(n=spin_offs, university=university)
        )
    if count == 0:
        f.claim("arrivals.count", "==", 0)
        if ev.arrivals.by_origin["unknown"]:
            f.claim("arrivals.by_origin.unknown", ">", 0)
            title = _("Nothing is recorded as moved in from outside")
        else:
            f.claim("arrivals.by_origin.unknown", "==", 0)
            title = _("Nothing has moved in from outside")
        if len(sentences) < MAX_SENTENCES:
            sentences.append(
                _("A knowledge cluster draws companies and people in from outside the region.")
            )
    else:
        f.exact("arrivals.count")
        title = ngettext(
            "{count} actor moved in from outside", "{count} actors moved in from outside", count
        ).format(count=count)
    return f.finding("arrivals", title, sentences, severity="warning" if count == 0 else "info")


def _companies_sentence(f: Facts, ev: Evaluation) -> str:
    moved = ev.arrivals.moved_in_companies
    unknown = ev.arrivals.unknown_companies
    n = _count(f, "actors.region_by_sector.company")
    if unknown == 0:
        f.claim("arrivals.companies_unknown", "==", 0)
        if moved == 0:
            f.claim("arrivals.companies", "==", 0)
            return ngettext(
                "The region's only company did not move in from outside.",
                "None of the region's {n} companies moved in from outside.",
                n,
            ).format(n=n)
        if n == 1:
            f.claim("arrivals.companies", "==", 1)
            return _("The region's only company moved in from outside.")
        f.exact("arrivals.companies")
        return ngettext(
            "{moved} of the region's {n} company moved in from outside.",
            "{moved} of the region's {n} companies moved in from outside.",
            n,
        ).format(moved=moved, n=n)
    if unknown == n:  # then none is recorded as moved in either
        f.claim("arrivals.companies_unknown", "==", n)
        f.claim("arrivals.companies", "==", 0)
        if n == 1:
            return _("The origin of the region's only company is not recorded.")
        return _("None of the region's {n} companies has its origin recorded.").format(n=n)
    f.exact("arrivals.companies_unknown")
    if moved == 0:
        f.claim("arrivals.companies", "==", 0)
        statement = _(
            "None of the region's {n} companies is recorded as moved in from outside"
        ).format(n=n)
    else:
        f.exact("arrivals.companies")
        statement = ngettext(
            "{moved} of the region's {n} companies is recorded as moved in from outside",
            "{moved} of the region's {n} companies are recorded as moved in from outside",
            moved,
        ).format(moved=moved, n=n)
    return with_unrecorded(statement, _unrecorded_companies(unknown))


def _actors_sentence(f: Facts, ev: Evaluation) -> str:
    count = ev.arrivals.count
    unknown = ev.arrivals.by_origin["unknown"]
    region = _count(f, "actors.by_location.region")
    if unknown == 0:
        f.claim("arrivals.by_origin.unknown", "==", 0)
        if count == 0:
            f.claim("arrivals.count", "==", 0)
            return ngettext(
                "The region's only actor did not move in from outside.",
                "None of the region's {n} actors moved in from outside.",
                region,
            ).format(n=region)
        if region == 1:
            f.claim("arrivals.count", "==", 1)
            return _("The region's only actor moved in from outside.")
        f.exact("arrivals.count")
        share = f.exact("arrivals.share")
        return ngettext(
            "Of all {n} region actor, {count} moved in from outside ({share}).",
            "Of all {n} region actors, {count} moved in from outside ({share}).",
            region,
        ).format(n=region, count=count, share=pct(share))
    # Some origin is recorded (else no finding) and some is not: two region actors or more.
    f.exact("arrivals.by_origin.unknown")
    if count == 0:
        f.claim("arrivals.count", "==", 0)
        statement = _(
            "None of the region's {n} actors is recorded as moved in from outside"
        ).format(n=region)
    else:
        f.exact("arrivals.count")
        share = f.exact("arrivals.share")
        statement = ngettext(
            "Of all {n} region actors, {count} is recorded as moved in from outside ({share})",
            "Of all {n} region actors, {count} are recorded as moved in from outside ({share})",
            count,
        ).format(n=region, count=count, share=pct(share))
    return with_unrecorded(statement, unrecorded_actors(unknown))


def _unrecorded_companies(n: int) -> str:
    return ngettext(
        "the origin of {n} company is not recorded",
        "the origins of {n} companies are not recorded",
        n,
    ).format(n=n)


def unrecorded_actors(n: int) -> str:
    """The clause that says how many region actors have no recorded origin."""
    return ngettext(
        "the origin of {n} actor is not recorded",
        "the origins of {n} actors are not recorded",
        n,
    ).format(n=n)


def with_unrecorded(statement: str, unrecorded: str) -> str:
    # TRANSLATORS: what is recorded, then how many origins are not: "None of the region's 12
    # companies is recorded as moved in from outside; the origins of 9 companies are not
    # recorded."
    return _("{statement}; {unrecorded}.").format(statement=statement, unrecorded=unrecorded)


def _groups(ev: Evaluation) -> Finding | None:
    groups = ev.groups
    if groups.count == 0:
        return None
    f = Facts(ev)
    n = f.exact("groups.count")
    helix = f.exact("groups.triple_helix")
    sentences = []
    if helix == n:
        sentences.append(
            ngettext(
                "The group brings together a university, a company and a support organization.",
                "All {n} groups bring together a university, a company and a support organization.",
                n,
            ).format(n=n)
        )
    elif helix == 0:
        sentences.append(
            ngettext(
                "The group does not bring together a university, a company and a support "
                "organization.",
                "None of the {n} groups brings together a university, a company and a support "
                "organization.",
                n,
            ).format(n=n)
        )
    else:
        share = f.exact("groups.triple_helix_share")
        sentences.append(
            ngettext(
                "{helix} of the {n} groups brings together a university, a company and a "
                "support organization ({share}).",
                "{helix} of the {n} groups bring together a university, a company and a "
                "support organization ({share}).",
                helix,
            ).format(helix=helix, n=n, share=pct(share))
        )
    missing = [s for s in SECTORS if groups.with_sector.get(s, 0) == 0]
    for s in missing:
        f.claim(f"groups.with_{s}", "==", 0)
    if missing:
        if n == 1:
            sentences.append(
                _("Its members include no {sectors}.").format(
                    sectors=pgettext("alternatives", " or ").join(sector_plural(s) for s in missing)
                )
            )
        else:
            sentences.append(
                _("None of them includes {members}.").format(
                    members=pgettext("alternatives", " or ").join(
                        _(SECTOR_MEMBER[s]) for s in missing
                    )
                )
            )
    outside = groups.with_outside
    if outside == 0:
        f.claim("groups.with_outside", "==", 0)
        sentences.append(
            ngettext(
                "It has no member outside the region.",
                "None of them has a member outside the region.",
                n,
            )
        )
    else:
        if n == 1:
            f.claim("groups.with_outside", "==", 1)
            sentences.append(_("It has a member outside the region."))
        elif outside == n:
            f.claim("groups.with_outside", "==", n)
            sentences.append(_("Each of them has a member outside the region."))
        else:
            f.exact("groups.with_outside")
            sentences.append(
                ngettext(
                    "{outside} of them has a member outside the region.",
                    "{outside} of them have a member outside the region.",
                    outside,
                ).format(outside=outside)
            )
    severity = "good" if helix == n else ("warning" if helix == 0 else "info")
    return f.finding(
        "groups",
        _("Groups of industry, academia and government: {helix} of {n}").format(helix=helix, n=n),
        sentences,
        severity=severity,
    )


def _count(f: Facts, name: str) -> int:
    """A count the text states: as a number from two on; one is said in words ("only")."""
    value = int(f.value(name) or 0)
    if value == 1:
        f.claim(name, "==", 1)
    else:
        f.exact(name)
    return value
