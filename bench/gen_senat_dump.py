#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Writes a realistic Sénat dump: questions.zip holding questions.sql.

The shape of data.senat.fr's dump (senat.md §1.3-1.5): a pg_dump in COPY
form of the 8 tables, tam_questions with the real 58 columns in the order
of recent dumps, every nature (QE, QOSD, QOAD, QG, QC, QOAE), and QE mixes:
answered on time and late, joint answers (several tam_reponses rows),
open, overdue, lapsed, withdrawn, transmitted, rappels, errata, texts with
escaped tabs, line breaks and backslashes. The real dump has about 530,000
rows, 120,000 of them QE: the defaults. Deterministic for a given seed.

usage: gen_senat_dump.py [--seed N] [--rows N] [--schema] [--change PCT]
                         QUESTIONS.zip
  --schema      write "COPY questions.tam_questions" (the 2020 dumps')
  --change PCT  the same dump with PCT % of the QE rows changed (their
                answer or title), to measure an update
"""
import argparse
import datetime as dt
import random
import zipfile

COLS = ("id, sorquecod, matricule, natquecod, legislature, etaquecod, uuid, "
        "numero, reference, titre, version, datecloture, delaijours, nom, "
        "prenom, nomtechnique, codequalite, cirnum, circonscription, groupe, "
        "rubrique, datejodepot, mindepotid, mindepotlib, datejotran, "
        "mintranid, mintranlib, minreplib1, minrepid1, delaijoursrep1, "
        "datejorep1, datesynctam, natqueord, repub, uuidtransori, "
        "dattransori, uuidtrans, dattrans, uuidquerappelee, refquerappelee, "
        "daterappel, txtque, themes, renvoi1, renvoi2, renvoi3, datesignal, "
        "pagejodepot, pageerr, dateerr, ratgrp, thecrible, txterrque, "
        "tranisreattr, compub, dateseance, rang, caduque_redeposee").split(", ")
assert len(COLS) == 58

SORTS = [("1", "En cours"), ("2", "Réponse publiée"), ("3", "Retirée"),
         ("4", "Caduque"), ("5", "Réponse reçue"), ("6", "Transformée en QOSD")]
NATURES = [("QE", 23), ("QOSD", 8), ("QOAD", 1), ("QG", 52), ("QC", 12),
           ("QOAE", 4)]
GROUPS = ["Les Républicains", "Socialiste, Écologiste et Républicain",
          "Union Centriste", "Rassemblement des démocrates, progressistes et "
          "indépendants", "Communiste Républicain Citoyen et Écologiste - "
          "Kanaky", "Écologiste - Solidarité et Territoires",
          "Les Indépendants - République et Territoires",
          "Rassemblement des démocrates, progressistes et indépendants",
          "Réunion administrative des sénateurs ne figurant sur la liste "
          "d'aucun groupe"]
MINISTRIES = ["Intérieur", "Économie, finances et souveraineté industrielle",
              "Santé et accès aux soins", "Transition écologique",
              "Agriculture et souveraineté alimentaire", "Éducation nationale",
              "Travail et emploi", "Justice", "Armées", "Culture",
              "Collectivités territoriales", "Transports", "Logement",
              "Europe et affaires étrangères", "Comptes publics", "Mer"]
THEMES = ["Agriculture et pêche", "Aménagement du territoire", "Budget",
          "Collectivités territoriales", "Culture", "Défense", "Éducation",
          "Énergie", "Environnement", "Fonction publique", "Justice",
          "Logement et urbanisme", "Police et sécurité", "Questions sociales "
          "et santé", "Transports", "Travail", "Économie et finances, "
          "fiscalité", "Union européenne", "Outre-mer", "Sports"]
WORDS = ("attention situation ministre gouvernement collectivités communes "
         "départements rurales financement dotation agriculteurs éleveurs "
         "santé hôpitaux médecins transports ferroviaires routes écoles "
         "enseignants logement sécurité gendarmerie énergie prix réforme "
         "mesures délai dispositif application décret circulaire territoire "
         "entreprises emploi fiscalité taxe demande souhaite connaître").split()
LEGISLATURES = [(6, "1978-04-03"), (7, "1981-07-02"), (8, "1986-04-02"),
                (9, "1988-06-23"), (10, "1993-04-02"), (11, "1997-06-12"),
                (12, "2002-06-19"), (13, "2007-06-20"), (14, "2012-06-20"),
                (15, "2017-06-21"), (16, "2022-06-22"), (17, "2024-07-18")]
START = dt.date(1978, 4, 3)
END = dt.date(2026, 11, 27)


def esc(v):
    if v is None:
        return "\\N"
    return (str(v).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def ts(d):
    return None if d is None else d.isoformat() + " 00:00:00"


def legislature(d):
    n = 6
    for leg, start in LEGISLATURES:
        if d.isoformat() >= start:
            n = leg
    return n


def text(rng, lo, hi):
    n = rng.randint(lo, hi)
    out, size = [], 0
    while size < n:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
        if rng.random() < 0.01:
            out.append("\n")
        elif rng.random() < 0.002:
            out.append("\tC:\\dossier\\")
    return " ".join(out).strip() + "."


def write_block(out, table, cols, rows, schema):
    out.write("COPY %s%s (%s) FROM stdin;\n" % (schema, table, ", ".join(cols)))
    for r in rows:
        out.write("\t".join(esc(r.get(c)) for c in cols))
        out.write("\n")
    out.write("\\.\n\n\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rows", type=int, default=530000)
    ap.add_argument("--schema", action="store_true")
    ap.add_argument("--change", type=float, default=0)
    ap.add_argument("out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    chg = random.Random(a.seed + 1000)
    schema = "questions." if a.schema else ""
    natures = [n for n, w in NATURES for _ in range(w)]
    days = (END - START).days
    answers = []
    numbers = {}
    with zipfile.ZipFile(a.out, "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("questions.sql", "w", force_zip64=True) as raw:
        import io
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n",
                               write_through=False)
        out.write("--\n-- PostgreSQL database dump\n--\n\n"
                  "SET statement_timeout = 0;\n"
                  "SET client_encoding = 'UTF8';\n"
                  "SET standard_conforming_strings = on;\n\n")
        write_block(out, "sortquestion", ["sorquecod", "sorquelib",
                    "sorquenumtri"], [dict(sorquecod=c, sorquelib=l,
                    sorquenumtri=i) for i, (c, l) in enumerate(SORTS)], schema)
        write_block(out, "etatquestion", ["etaquecod", "etaquelib",
                    "etaquenumtri"], [dict(etaquecod="1", etaquelib="Publiée",
                    etaquenumtri=1)], schema)
        write_block(out, "naturequestion", ["natquecod", "natquelib",
                    "natquenumtri"], [dict(natquecod=n, natquelib=n,
                    natquenumtri=i) for i, (n, _) in enumerate(NATURES)],
                    schema)
        write_block(out, "legquestion", ["legislature", "republique", "leglib",
                    "legdatdeb", "legdatfin"], [dict(legislature=l,
                    republique=5, leglib="%de législature" % l,
                    legdatdeb=s + " 00:00:00") for l, s in LEGISLATURES],
                    schema)
        write_block(out, "the", ["thecle", "thelib", "theali", "thenouidt"],
                    [dict(thecle=i + 1, thelib=t) for i, t in
                     enumerate(THEMES)], schema)
        write_block(out, "tam_ministeres", ["minid", "minidremp", "datedebut",
                    "datefin", "ordreprotocolaire", "libelle", "libellelong",
                    "titreministre", "intitulejo", "nomministre"],
                    [dict(minid=i + 1, libelle=m, libellelong="Ministère : " + m)
                     for i, m in enumerate(MINISTRIES)], schema)
        out.write("COPY %stam_questions (%s) FROM stdin;\n"
                  % (schema, ", ".join(COLS)))
        refs = []
        for i in range(a.rows):
            qid = 100000 + i
            nat = rng.choice(natures)
            pub = START + dt.timedelta(days=int(days * (i / a.rows)) +
                                       rng.randint(0, 3))
            if pub > END:
                pub = END
            leg = legislature(pub)
            key = (leg, nat)
            numbers[key] = numbers.get(key, 0) + 1
            num = numbers[key]
            numero = "%05d" % num if nat == "QE" else "%04d%s" % (
                num % 10000, nat[-1])
            ref = "SEQ%02d%02d%s" % (pub.year % 100, pub.month, numero)
            r = dict(id=qid, natquecod=nat, legislature=leg, numero=numero,
                     reference=ref, matricule="%05dX" % rng.randint(1, 3000),
                     etaquecod=1, uuid="U%d" % qid, version=1,
                     nom="Nom%d" % rng.randint(1, 900),
                     prenom=rng.choice(["Anne", "Jean", "Marie", "Luc",
                                        "Élise", "François"]),
                     codequalite=rng.choice(["M.", "Mme"]),
                     circonscription="Département %d" % rng.randint(1, 101),
                     groupe=rng.choice(GROUPS), datejodepot=ts(pub),
                     mindepotid=rng.randint(1, len(MINISTRIES)),
                     titre=text(rng, 30, 140).capitalize()[:250],
                     themes="#%d#" % rng.randint(1, len(THEMES)),
                     natqueord=1, repub=5)
            r["mindepotlib"] = MINISTRIES[r["mindepotid"] - 1]
            if rng.random() < 0.3:
                r["themes"] += "%d#" % rng.randint(1, len(THEMES))
            age = (END - pub).days
            if nat != "QE":
                r["sorquecod"] = 2 if age > 30 else 1
                r["txtque"] = text(rng, 100, 400)
                tam = r
            else:
                r["txtque"] = text(rng, 400, 1800)
                x = rng.random()
                if age < 60 or x < 0.18:
                    r["sorquecod"] = 1          # open, or overdue
                elif x < 0.80:
                    r["sorquecod"] = rng.choice([2, 5])
                    ans = pub + dt.timedelta(days=rng.choice(
                        [rng.randint(20, 61), rng.randint(62, 400)]))
                    if ans > END:
                        ans = END
                    if rng.random() < 0.5:
                        r["datejorep1"] = ts(ans)
                        r["minreplib1"] = r["mindepotlib"]
                    answers.append((qid, ans))
                    if rng.random() < 0.05:     # a joint answer, republished
                        answers.append((qid, ans + dt.timedelta(days=7)))
                elif x < 0.86:
                    r["sorquecod"] = 3
                elif x < 0.97:
                    r["sorquecod"] = 4
                else:
                    r["sorquecod"] = 6
                if rng.random() < 0.08:
                    tran = pub + dt.timedelta(days=rng.randint(5, 40))
                    r["datejotran"] = ts(min(tran, END))
                    r["mintranlib"] = rng.choice(MINISTRIES)
                if rng.random() < 0.02:
                    r["dateerr"] = ts(min(pub + dt.timedelta(days=7), END))
                    r["pageerr"] = rng.randint(1, 9000)
                if refs and rng.random() < 0.03:
                    r["refquerappelee"] = rng.choice(refs[-2000:])
                    r["daterappel"] = ts(pub)
                refs.append(ref)
                if a.change and chg.random() < a.change / 100:
                    r["titre"] = "Modifié : " + r["titre"][:200]
            out.write("\t".join(esc(r.get(c)) for c in COLS))
            out.write("\n")
        out.write("\\.\n\n\n")
        out.write("COPY %stam_reponses (idque, datejorep, txtrep, "
                  "delaijoursrep, minrepid, minreplib, pagejorep, urlrep, "
                  "errpage, errdate, idrepunique, txterrrep) FROM stdin;\n"
                  % schema)
        for qid, ans in answers:
            out.write("\t".join(esc(v) for v in (
                qid, ts(ans), text(rng, 300, 1500), None, 1, MINISTRIES[0],
                None, None, None, None, None, None)))
            out.write("\n")
        out.write("\\.\n\n--\n-- PostgreSQL database dump complete\n--\n")
        out.flush()
        out.detach()


if __name__ == "__main__":
    main()
