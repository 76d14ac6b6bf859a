#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Writes a realistic Assemblée nationale dump of written questions.

The archive has the layout of the real Questions_ecrites.json.zip (one
json/QANR5L17QE<n>.json per question) and the real field set of
domain.md §5: question texts of 0.6-2.5 kB with their "N. — date. — "
header, answers of 1-4 kB, and a mix of answered on time and late, open,
overdue, signaled, renewed, withdrawn, re-attributed and corrected
questions. A second archive holds the AMO acteurs and organes that name
the authors, groups and ministries. Deterministic for a given seed.

With --single, the questions are one entry instead, in the shape of the
XIV legislature's archive (senat.md §4): Questions_ecrites_XIV.json,
{"questionsEcrites": {"question": [ ...each question's object... ]}}.
--legislature and --first move the questions to another legislature.

usage: gen_dump.py [--seed N] [--count N] [--until YYYY-MM-DD]
                   [--first YYYY-MM-DD] [--legislature N] [--single]
                   [--with FILE.json]... QUESTIONS.zip AMO.zip
"""
import argparse
import datetime as dt
import json
import random
import zipfile

GROUPS = [  # (ref, abbrev, name, weight)
    ("PO845401", "RN", "Rassemblement National", 30),
    ("PO845407", "EPR", "Ensemble pour la République", 16),
    ("PO845413", "LFI-NFP", "La France insoumise - Nouveau Front Populaire", 18),
    ("PO845419", "SOC", "Socialistes et apparentés", 11),
    ("PO845425", "DR", "Droite Républicaine", 9),
    ("PO845429", "EcoS", "Écologiste et Social", 7),
    ("PO845439", "Dem", "Les Démocrates", 6),
    ("PO845446", "HOR", "Horizons & Indépendants", 5),
    ("PO845485", "LIOT", "Libertés, Indépendants, Outre-mer et Territoires", 5),
    ("PO845454", "GDR", "Gauche Démocrate et Républicaine", 4),
    ("PO872880", "UDR", "Union des droites pour la République", 4),
    ("PO793087", "NI", "Non inscrit", 1),
]

MINISTRIES = [  # (ref, abbrev, full name, share answered)
    ("PO900101", "Intérieur", "Ministère de l'intérieur", 0.30),
    ("PO900102", "Santé et accès aux soins", "Ministère de la santé et de l'accès aux soins", 0.12),
    ("PO900103", "Économie, finances et souveraineté industrielle et numérique",
     "Ministère de l'économie, des finances et de la souveraineté industrielle et numérique", 0.35),
    ("PO900104", "Éducation nationale", "Ministère de l'éducation nationale", 0.28),
    ("PO900105", "Europe et affaires étrangères", "Ministère de l'Europe et des affaires étrangères", 0.25),
    ("PO900106", "Travail et emploi", "Ministère du travail et de l'emploi", 0.20),
    ("PO900107", "Agriculture, souveraineté alimentaire et forêt",
     "Ministère de l'agriculture, de la souveraineté alimentaire et de la forêt", 0.40),
    ("PO900108", "Transition écologique, biodiversité, forêt, mer et pêche",
     "Ministère de la transition écologique, de la biodiversité, de la forêt, de la mer et de la pêche", 0.18),
    ("PO900109", "Justice", "Ministère de la justice", 0.33),
    ("PO900110", "Armées", "Ministère des armées", 0.55),
    ("PO900111", "Culture", "Ministère de la culture", 0.45),
    ("PO900112", "Action et comptes publics", "Ministère de l'action et des comptes publics", 0.38),
    ("PO900113", "Solidarités, autonomie et égalité entre les femmes et les hommes",
     "Ministère des solidarités, de l'autonomie et de l'égalité entre les femmes et les hommes", 0.10),
    ("PO900114", "Logement et rénovation urbaine", "Ministère du logement et de la rénovation urbaine", 0.22),
    ("PO900115", "Transports", "Ministère des transports", 0.27),
    ("PO900116", "Outre-mer", "Ministère des outre-mer", 0.15),
]

RUBRICS = ["santé", "impôts et taxes", "agriculture", "enseignement",
           "sécurité des biens et des personnes", "professions de santé",
           "retraites : généralités", "énergie et carburants", "transports",
           "logement", "personnes handicapées", "justice", "environnement",
           "outre-mer", "collectivités territoriales", "droits fondamentaux",
           "police", "culture", "défense", "famille", "emploi et activité"]

SUBJECTS = ["Situation des", "Avenir des", "Financement des", "Conditions d'accès aux",
            "Reconnaissance des", "Revalorisation des", "Difficultés des",
            "Fermeture des", "Prise en charge des", "Statut des"]
OBJECTS = ["infirmiers libéraux", "accompagnants d'élèves en situation de handicap",
           "petites communes rurales", "services d'urgence", "exploitants agricoles",
           "bureaux de poste", "lignes ferroviaires régionales", "sapeurs-pompiers volontaires",
           "aides à domicile", "centres de santé", "commerces de proximité",
           "victimes de violences conjugales", "étudiants boursiers", "artisans boulangers",
           "maisons de retraite", "médecins généralistes", "écoles maternelles"]

# First names by civility (M., Mme), so that no "Mme Jean" is generated.
FIRST = [("Marc", "Marie"), ("Jean", "Jeanne"), ("Simon", "Sophie"),
         ("Pierre", "Pauline"), ("Émile", "Élodie"), ("François", "Françoise"),
         ("Henri", "Hélène"), ("Luc", "Lucie"), ("Charles", "Chloé"),
         ("Benoît", "Bénédicte"), ("Amaury", "Amélie"), ("Jérôme", "Juliette"),
         ("Cédric", "Céline"), ("Stéphane", "Stéphanie"), ("Aurélien", "Aurélie"),
         ("Noël", "Noémie")]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Girard", "Roussel",
        "Faure", "Mercier", "Blanc", "Guérin", "Boyer", "Chevalier", "Lemaître",
        "Perrin", "Fontaine", "Barbier", "Da Silva", "N'Diaye", "Le Goff"]

WORDS = ("le la les des du de un une dans pour sur avec sans entre afin que qui "
         "ministre gouvernement territoire situation difficultés mesures dispositif "
         "financement moyens accès service public départements communes habitants "
         "professionnels santé sécurité emploi attentes réponse concrète intentions "
         "délais conditions application réglementation réforme budget crédits").split()

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def fr_date(d):
    return f"{d.day}{'er' if d.day == 1 else ''} {MONTHS[d.month - 1]} {d.year}"


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(d.day, last))


def prose(rng, size):
    out = []
    n = 0
    while n < size:
        w = rng.choice(WORDS)
        out.append(w)
        n += len(w) + 1
    text = " ".join(out)
    return text[0].upper() + text[1:size] + "."


def info_jo(d, page, typ="JO_QUESTION"):
    return {"typeJO": typ, "dateJO": d.isoformat(), "pageJO": str(page),
            "numJO": None, "urlLegifrance": None, "referenceNOR": None}


def denomination(m):
    return {"organeRef": m[0], "abrege": m[1], "developpe": m[2]}


def one_or_many(items):
    return items[0] if len(items) == 1 else items


class Gen:
    def __init__(self, seed, until, authors=150):
        self.rng = random.Random(seed)
        self.until = until
        self.authors = []
        for i in range(authors):
            g = self.rng.choices(GROUPS, weights=[x[3] for x in GROUPS])[0]
            civ = self.rng.choice(["M.", "Mme"])
            first = self.rng.choice(FIRST)[0 if civ == "M." else 1]
            self.authors.append((f"PA9{i:05d}", f"PM9{i:05d}", civ,
                                 first, self.rng.choice(LAST), g))
        self.page = 1000
        self.legislature = 17

    def question(self, number, published):
        rng = self.rng
        a = rng.choice(self.authors)
        m = rng.choice(MINISTRIES)
        subject = f"{rng.choice(SUBJECTS)} {rng.choice(OBJECTS)}"
        self.page += rng.randint(1, 6)
        body = f"{a[2]} {a[3]} {a[4]} interroge {('M. le' if rng.random() < .5 else 'Mme la')} ministre sur " + \
            prose(rng, rng.randint(600, 2500))
        texts = [{"infoJO": info_jo(published, self.page),
                  "texte": f"{number}. — {fr_date(published)}. — {body}"}]
        deadline = add_months(published, 2)
        attribs = [{"infoJO": info_jo(published, self.page), "denomination": denomination(m)}]
        q = {
            "@xmlns": "http://schemas.assemblee-nationale.fr/referentiel",
            "@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "@xsi:type": "QuestionEcrite_Type",
            "uid": f"QANR5L{self.legislature}QE{number}",
            "identifiant": {"numero": str(number), "regime": "5ème République",
                            "legislature": str(self.legislature)},
            "type": "QE",
            "indexationAN": {"rubrique": rng.choice(RUBRICS), "rubriqueTa": None,
                             "teteAnalyse": subject.split()[-1].capitalize(),
                             "analyses": {"analyse": subject}},
            "auteur": {"identite": {"acteurRef": a[0], "mandatRef": a[1]},
                       "groupe": {"organeRef": a[5][0], "abrege": a[5][1], "developpe": a[5][2]}},
            "minInt": denomination(m),
            "minAttribs": None,
            "textesQuestion": None,
            "textesReponse": None,
            "cloture": None,
            "signalement": None,
            "renouvellements": None,
        }
        in_charge = m
        if rng.random() < 0.08:
            when = published + dt.timedelta(days=rng.randint(10, 120))
            if when <= self.until:
                in_charge = rng.choice(MINISTRIES)
                attribs.append({"infoJO": info_jo(when, self.page + 40), "denomination": denomination(in_charge)})
        if rng.random() < 0.02:
            when = published + dt.timedelta(days=7)
            if when <= self.until:
                texts.append({"infoJO": info_jo(when, self.page + 20),
                              "texte": "Erratum : " + prose(rng, 200)})
        q["minAttribs"] = {"minAttrib": one_or_many(attribs)}
        q["textesQuestion"] = {"texteQuestion": one_or_many(texts)}

        r = rng.random()
        answered = None
        if r < 0.12:                        # on time
            answered = published + dt.timedelta(days=rng.randint(20, (deadline - published).days))
        elif r < 0.12 + in_charge[3]:       # late
            answered = deadline + dt.timedelta(days=int(rng.expovariate(1 / 120)) + 1)
        if answered is not None and answered > self.until:
            answered = None
        if rng.random() < 0.06 and deadline + dt.timedelta(days=30) < self.until and answered is None:
            sig = deadline + dt.timedelta(days=rng.randint(7, 60))
            sig -= dt.timedelta(days=(sig.weekday() - 1) % 7)   # a Tuesday
            if sig <= self.until:
                q["signalement"] = {"dateDepotSignal": (sig - dt.timedelta(days=7)).isoformat(),
                                    "infoJO": info_jo(sig, self.page + 60)}
                if rng.random() < 0.5:
                    answered = sig + dt.timedelta(days=rng.randint(3, 20))
                    if answered > self.until:
                        answered = None
        if answered is None and rng.random() < 0.04:
            ren = published + dt.timedelta(days=100)
            if ren <= self.until:
                q["renouvellements"] = {"renouvellement": {"infoJO": info_jo(ren, self.page + 80)}}
        if answered is not None:
            q["textesReponse"] = {"texteReponse": {"infoJO": info_jo(answered, self.page + 100),
                                                   "texte": prose(rng, rng.randint(1000, 4000))}}
            q["cloture"] = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée",
                            "dateCloture": answered.isoformat(),
                            "infoJO": info_jo(answered, self.page + 100)}
        elif rng.random() < 0.01:
            w = published + dt.timedelta(days=rng.randint(5, 90))
            if w <= self.until:
                q["cloture"] = {"codeCloture": "RET", "libelleCloture": "Retrait",
                                "dateCloture": w.isoformat(), "infoJO": None}
        return {"question": q}

    def amo(self):
        files = {}
        # The real author of question 17-6750, bundled with the sample.
        files["json/acteur/PA720430.json"] = {"acteur": {
            "uid": {"@xsi:type": "IdActeur_type", "#text": "PA720430"},
            "etatCivil": {"ident": {"civ": "M.", "prenom": "Ugo", "nom": "Bernalicis",
                                    "alpha": "Bernalicis", "trigramme": "UBE"}}}}
        for a in self.authors:
            files[f"json/acteur/{a[0]}.json"] = {"acteur": {
                "@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                "uid": {"@xsi:type": "IdActeur_type", "#text": a[0]},
                "etatCivil": {"ident": {"civ": a[2], "prenom": a[3], "nom": a[4],
                                        "alpha": a[4], "trigramme": None},
                              "dateDeces": {"@xsi:nil": "true"}}}}
        for g in GROUPS:
            files[f"json/organe/{g[0]}.json"] = {"organe": {
                "uid": g[0], "codeType": "GP", "libelle": g[2], "libelleAbrege": g[1],
                "libelleAbrev": g[1], "legislature": "17"}}
        for m in MINISTRIES:
            files[f"json/organe/{m[0]}.json"] = {"organe": {
                "uid": m[0], "codeType": "MINISTERE", "libelle": m[2], "libelleAbrege": m[1],
                "libelleAbrev": None, "organeParent": "PO900100"}}
        return files


def put(z, name, text):
    """Adds an entry with a fixed time, so the same seed gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--until", default="2026-11-24")
    ap.add_argument("--authors", type=int, default=150,
                    help="deputies asking questions (577 sit at the AN)")
    ap.add_argument("--first", default="2024-10-01",
                    help="the first question's publication")
    ap.add_argument("--legislature", type=int, default=17)
    ap.add_argument("--single", action="store_true",
                    help="one entry, the XIV archive's shape")
    ap.add_argument("--with", dest="extra", action="append", default=[])
    ap.add_argument("questions")
    ap.add_argument("amo")
    o = ap.parse_args()
    until = dt.date.fromisoformat(o.until)
    g = Gen(o.seed, until, o.authors)
    g.legislature = o.legislature
    first = dt.date.fromisoformat(o.first)
    span = (until - first).days
    extra = {}
    for path in o.extra:
        doc = json.load(open(path, encoding="utf-8"))
        extra[int(doc["question"]["identifiant"]["numero"])] = doc
    if o.single:
        write_single(o, g, first, span, extra)
    else:
        write_files(o, g, first, span, extra)
    with zipfile.ZipFile(o.amo, "w", zipfile.ZIP_DEFLATED) as z:
        for name, doc in sorted(g.amo().items()):
            put(z, name, json.dumps(doc, ensure_ascii=False))


def questions(o, g, first, span, extra):
    """The questions in the archive's order, each as its file's document."""
    for i in range(o.count):
        number = 1 + i * 14500 // o.count if o.count <= 14500 else i + 1
        day = first + dt.timedelta(days=span * i // max(o.count, 1))
        day -= dt.timedelta(days=(day.weekday() - 1) % 7)   # Tuesdays
        yield number, extra.pop(number, None) or g.question(number, day)
    yield from sorted(extra.items())


def roman(n):
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def write_single(o, g, first, span, extra):
    """One entry, streamed to the zip: the archive is never held whole."""
    name = f"Questions_ecrites_{roman(o.legislature)}.json"
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(o.questions, "w", zipfile.ZIP_DEFLATED) as z, \
            z.open(info, "w", force_zip64=True) as f:
        f.write(b'{"questionsEcrites": {"question": [')
        for i, (number, doc) in enumerate(questions(o, g, first, span, extra)):
            f.write((",\n" if i else "\n").encode())
            f.write(json.dumps(doc["question"], ensure_ascii=False).encode())
        f.write(b"\n]}}\n")


def write_files(o, g, first, span, extra):
    with zipfile.ZipFile(o.questions, "w", zipfile.ZIP_DEFLATED) as z:
        for number, doc in questions(o, g, first, span, extra):
            put(z, f"json/QANR5L{o.legislature}QE{number}.json",
                json.dumps(doc, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
