"""« Suivre »: the Atom feeds per thématique category and per territory, read by a feed reader
(feedparser), as the pages link to them."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import feedparser

from generator.cli import build as b
from generator.model.vocab import Categorie

BASE_URL = "https://catalogue.example.fr/"


class _AtomLinks(HTMLParser):
    """The page's links to an Atom feed: <a> in the body, <link rel="alternate"> in the head."""

    def __init__(self):
        super().__init__()
        self.a: list[str] = []
        self.head: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("type") != "application/atom+xml":
            return
        if tag == "a":
            self.a.append(a["href"])
        elif tag == "link" and a.get("rel") == "alternate":
            self.head.append(a["href"])


def atom_links(site: Path, url: str) -> tuple[list[str], list[str]]:
    """(body links, head links) of the page at `url`, each resolved to a path from the site root."""
    parser = _AtomLinks()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))

    def resolve(href: str) -> str:
        parts: list[str] = []
        for part in PurePosixPath(url, href).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    return [resolve(h) for h in parser.a], [resolve(h) for h in parser.head]


def feed_of(site: Path, url: str):
    """The feed linked (« Suivre ») from the page at `url`, parsed; it must be well-formed."""
    body, head = atom_links(site, url)
    assert len(body) == 1 and head == body, (url, body, head)
    path = site / body[0]
    assert path.is_file(), f"{url} renvoie vers {body[0]}, absent"
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (body[0], feed.get("bozo_exception"))
    return feed


def offer_ids(feed) -> list[str]:
    """Offer ids (« structure/offre ») of the entries, in the feed's order."""
    out = []
    for e in feed.entries:
        m = re.search(r"/offres/([^/]+/[^/]+)/$", e.link)
        assert m, e.link
        out.append(m.group(1))
    return out


def listed_offers(site: Path, url: str) -> set[str]:
    """Offer ids of the cards listed on the page."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'class="cat-card__titre"><a href="[./]*offres/([^/"]+/[^/"]+)/"', html))


def raw_entry(text: str, ident: str) -> str:
    """The <entry> element of offer `ident`, as written."""
    found = [e for e in re.findall(r"<entry>.*?</entry>", text, re.DOTALL) if f"/offres/{ident}/\"" in e]
    assert len(found) == 1, ident
    return found[0]


# ----- the fixture catalogue (tests/site/catalogue_fixture.py) ---------------------------------------


def test_every_category_page_links_to_a_feed_of_exactly_its_listed_offers(built):
    with_offers = 0
    for c in Categorie:
        url = f"thematiques/{c.value}/"
        feed = feed_of(built.site, url)
        ids = offer_ids(feed)
        assert len(ids) == len(set(ids)), url
        assert set(ids) == listed_offers(built.site, url), url
        with_offers += bool(ids)
    assert with_offers == 4  # mobilité, candidature, numérique, difficultés financières


def test_a_category_feed_holds_its_public_offers_only(built):
    assert offer_ids(feed_of(built.site, "thematiques/mobilite/")) == [
        "mobilite-solidaire/garage-solidaire",  # same date_maj: by id
        "mobilite-solidaire/location-scooters",
    ]
    # The suspended grocery and the too-old housing desk are the only offers of their categories.
    assert offer_ids(feed_of(built.site, "thematiques/equipement-et-alimentation/")) == []
    assert offer_ids(feed_of(built.site, "thematiques/logement-hebergement/")) == []
    feed = feed_of(built.site, "thematiques/mobilite/")
    assert "Mobilité" in feed.feed.title and "Offre d'insertion de test" in feed.feed.title
    assert feed.feed.language == "fr"


def test_a_territory_feed_lists_the_offers_located_there_newest_first(built):
    feed = feed_of(built.site, "territoires/91/")
    assert offer_ids(feed) == [
        "mission-locale-massy/atelier-cv",
        "mobilite-solidaire/garage-solidaire",
        "mobilite-solidaire/location-scooters",
        "ccas-evry/aide-budget",  # updated in February
    ]  # not the remote coaching (no place), nor the suspended or too-old offers
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True) and updated[-1].startswith("2026-02-01")
    assert "Essonne (91)" in feed.feed.title
    # Grand Paris Sud: Évry-Courcouronnes, Corbeil-Essonnes, Ris-Orangis; not Massy.
    assert set(offer_ids(feed_of(built.site, "territoires/200059228/"))) == {
        "mobilite-solidaire/garage-solidaire",
        "mobilite-solidaire/location-scooters",
        "ccas-evry/aide-budget",
    }
    assert offer_ids(feed_of(built.site, "territoires/77/")) == []  # a valid, empty feed to follow


def test_territory_feeds_list_what_their_page_lists(built):
    for page in sorted((built.site / "territoires").glob("*/index.html")):
        url = f"territoires/{page.parent.name}/"
        assert set(offer_ids(feed_of(built.site, url))) == listed_offers(built.site, url), url


def test_an_offer_has_the_same_entry_in_every_feed(built):
    ident = "mobilite-solidaire/garage-solidaire"
    texts = [
        (built.site / rel).read_text(encoding="utf-8")
        for rel in ("thematiques/mobilite/flux.atom", "territoires/91/flux.atom", "territoires/200059228/flux.atom",
                    "donnees/modifications.atom")
    ]
    entries = {raw_entry(t, ident) for t in texts}
    assert len(entries) == 1
    feed_ids = {feedparser.parse(t).feed.id for t in texts}
    assert len(feed_ids) == len(texts)  # each feed has its own id


def test_sub_thematique_pages_have_no_feed(built):
    url = "thematiques/mobilite--acceder-a-un-vehicule/"
    assert atom_links(built.site, url) == ([], [])
    assert not (built.site / url / "flux.atom").exists()


def test_every_feed_link_of_the_site_leads_to_a_feed(built):
    """In every language: the feeds exist once, at the site root."""
    linked = 0
    for page in built.site.rglob("index.html"):
        url = page.parent.relative_to(built.site).as_posix() + "/"
        body, head = atom_links(built.site, url if url != "./" else "")
        for target in body + head:
            assert (built.site / target).is_file(), f"{url} → {target}"
            linked += 1
    assert linked >= 2 * (len(Categorie) + 3)


# ----- feeds of a changed catalogue ----------------------------------------------------------------


def build_with_base_url(repo) -> None:
    b.build(repo.offers, repo.territoire, repo.site, base_url=BASE_URL, progress=b.Progress(quiet=True))


def test_changing_an_offer_moves_it_to_the_top_of_its_feeds(fresh):
    build_with_base_url(fresh)
    feeds = ["thematiques/mobilite/", "territoires/91/", "territoires/200059228/"]
    before = {url: feed_of(fresh.site, url) for url in feeds}
    assert offer_ids(before["thematiques/mobilite/"])[0] == "mobilite-solidaire/garage-solidaire"
    assert offer_ids(before["territoires/91/"])[0] == "mission-locale-massy/atelier-cv"

    target = fresh.offers / "mobilite-solidaire" / "location-scooters.yml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("date_maj: 2026-11-02", "date_maj: 2026-11-20"), encoding="utf-8")
    build_with_base_url(fresh)

    for url in feeds:
        after = feed_of(fresh.site, url)
        assert offer_ids(after)[0] == "mobilite-solidaire/location-scooters", url
        assert sorted(offer_ids(after)) == sorted(offer_ids(before[url])), url
        old = next(e for e in before[url].entries if e.link.endswith("/location-scooters/"))
        new = after.entries[0]
        assert new.id == old.id  # the same entry, updated: a reader shows it again
        assert new.updated.startswith("2026-11-20") and old.updated.startswith("2026-11-02")
    # Other feeds are untouched but for their date.
    assert offer_ids(feed_of(fresh.site, "thematiques/numerique/")) == ["mission-locale-massy/coaching-distance"]


def test_with_a_base_url_feeds_link_to_themselves_and_their_page(fresh, built):
    build_with_base_url(fresh)
    feed = feed_of(fresh.site, "territoires/200059228/")
    links = {l.rel: l.href for l in feed.feed.links}
    assert links == {
        "self": BASE_URL + "territoires/200059228/flux.atom",
        "alternate": BASE_URL + "territoires/200059228/",
    }
    assert all(e.link.startswith(BASE_URL + "offres/") for e in feed.entries)
    # Without a base URL, no link that would be wrong.
    assert not [l for l in feed_of(built.site, "territoires/200059228/").feed.get("links", []) if l.rel == "self"]


def test_hostile_texts_are_escaped_and_the_feed_stays_readable(fresh):
    # (Control characters, forbidden in XML 1.0, are refused by validation: tests/hostile/test_hardening.py.)
    hostile = 'Garage <script>alert(1)</script> & "co" ]]> fin'
    target = fresh.offers / "mobilite-solidaire" / "garage-solidaire.yml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("nom: Garage solidaire", f"nom: {json.dumps(hostile)}"), encoding="utf-8")
    fresh.territoire.write_text(
        fresh.territoire.read_text(encoding="utf-8").replace("nom: Offre d'insertion de test", "nom: \"Essonne <b>&amp;</b>\""),
        encoding="utf-8",
    )
    fresh.build()
    raw = (fresh.site / "thematiques/mobilite/flux.atom").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw and "\x01" not in raw
    feed = feed_of(fresh.site, "thematiques/mobilite/")
    titles = [e.title for e in feed.entries]
    assert 'Garage <script>alert(1)</script> & "co" ]]> fin — Association Mobilité Solidaire' in titles
    assert feed.feed.title.endswith("— Essonne <b>&amp;</b>")
