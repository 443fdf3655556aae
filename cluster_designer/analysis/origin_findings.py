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
    if ev.arrivals.recorded == 0:
        return None
    f = Facts(ev)
    f.claim("arrivals.recorded", ">", 0)
    count = ev.arrivals.count
    companies = ev.actors.region_by_sector["company"]
    sentences = []
    if companies:
        moved = ev.arrivals.moved_in_companies
        n = _count(f, "actors.region_by_sector.company")
        if moved == 0:
            f.claim("arrivals.companies", "==", 0)
            sentences.append(
                ngettext(
                    "The region's only company did not move in from outside.",
                    "None of the region's {n} companies moved in from outside.",
                    n,
                ).format(n=n)
            )
        elif n == 1:
            f.claim("arrivals.companies", "==", 1)
            sentences.append(_("The region's only company moved in from outside."))
        else:
            f.exact("arrivals.companies")
            sentences.append(
                ngettext(
                    "{moved} of the region's {n} company moved in from outside.",
                    "{moved} of the region's {n} companies moved in from outside.",
                    n,
                ).format(moved=moved, n=n)
            )
    region = ev.actors.by_location["region"]
    if not companies or region > companies:
        _count(f, "actors.by_location.region")
        if count == 0:
            f.claim("arrivals.count", "==", 0)
            sentences.append(
                ngettext(
                    "The region's only actor did not move in from outside.",
                    "None of the region's {n} actors moved in from outside.",
                    region,
                ).format(n=region)
            )
        elif region == 1:
            f.claim("arrivals.count", "==", 1)
            sentences.append(_("The region's only actor moved in from outside."))
        else:
            f.exact("arrivals.count")
            share = f.exact("arrivals.share")
            sentences.append(
                ngettext(
                    "Of all {n} region actor, {count} moved in from outside ({share}).",
                    "Of all {n} region actors, {count} moved in from outside ({share}).",
                    region,
                ).format(n=region, count=count, share=pct(share))
            )
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
    unknown = ev.arrivals.by_origin["unknown"]
    if unknown and len(sentences) < MAX_SENTENCES:
        f.exact("arrivals.by_origin.unknown")
        sentences.append(
            ngettext(
                "The origin of {n} region actor is not recorded.",
                "The origin of {n} region actors is not recorded.",
                unknown,
            ).format(n=unknown)
        )
    if count == 0:
        f.claim("arrivals.count", "==", 0)
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
