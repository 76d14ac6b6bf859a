#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Writes the sample's Sénat dump, data/sample/questions.zip.

The shape of data.senat.fr's questions.zip (senat.md §1.3-1.5): one
questions.sql, a pg_dump in COPY form of the 8 tables, tam_questions with
the real 58 columns (bench/gen_senat_dump.py's). Its questions come before
the sample's CSV (December 2025 on) and are asked by the CSV's senators:
answered on time and late (one by a joint answer), open and overdue,
transmitted, withdrawn, lapsed by the data and by the rules, a question de
rappel and the one it recalls, and oral questions, which are skipped. The
names, subjects and numbers are invented. Deterministic: run again, the
same bytes.

usage: data/sample/senat_dump.py [OUT.zip]   (default: beside this script)
"""
import io
import os
import sys
import zipfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bench"))
from gen_senat_dump import COLS, esc, ts, write_block  # noqa: E402

SORTS = [("1", "En cours"), ("2", "Réponse publiée"), ("3", "Retirée"),
         ("4", "Caduque"), ("5", "Réponse reçue")]
THEMES = ["Agriculture et pêche", "Aménagement du territoire",
          "Collectivités territoriales", "Éducation", "Énergie",
          "Questions sociales et santé", "Transports", "Police et sécurité"]
SENATORS = {
    "dupre": ("Dupré", "Anaïs", "Mme", "Finistère", "SER"),
    "chevalier": ("Chevalier", "Inès", "Mme", "Loiret", "UC"),
    "lefevre": ("Lefèvre", "Claire", "Mme", "Nord", "UC"),
    "roux": ("Roux", "Hélène", "Mme", "Isère", "CRCE-K"),
    "faure": ("Faure", "Sophie", "Mme", "Hérault", "GEST"),
    "perrin": ("Perrin", "Louis", "M.", "Jura", "SER"),
    "martin": ("Martin", "Luc", "M.", "Cantal", "LR"),
    "garnier": ("Garnier", "Paul", "M.", "Aube", "LR"),
    "blanc": ("Blanc", "Marc", "M.", "Var", "RDSE"),
    "moreau": ("Moreau", "Julien", "M.", "Gironde", "RDPI"),
}

# nature, legislature, numero, published, senator, ministry, title, sort,
# answer dates (tam_reponses), themes, extra columns
Q = [
    ("QE", 16, "05112", "2023-02-09", "perrin", "Santé",
     "Fermeture de lits en hôpital de proximité", "1", [], "#6#", {}),
    ("QE", 16, "06230", "2023-04-13", "garnier", "Agriculture",
     "Avenir de la filière betteravière", "4", [], "#1#", {}),
    ("QE", 16, "07415", "2023-07-06", "dupre", "Mer",
     "Sécurité des ports de pêche", "5", ["2023-08-31"], "#1#", {}),
    ("QE", 16, "08810", "2023-11-16", "blanc", "Intérieur",
     "Moyens de la gendarmerie en zone rurale", "2", ["2024-05-02"],
     "#8#", {}),
    ("QE", 17, "00431", "2024-10-03", "chevalier", "Éducation nationale",
     "Remplacement des enseignants absents", "5",
     ["2024-11-21", "2024-11-28"], "#4#", {}),
    ("QE", 17, "01877", "2024-12-12", "roux", "Transition écologique",
     "Rénovation énergétique des logements sociaux", "3", [], "#5#", {}),
    ("QE", 17, "03020", "2025-02-13", "martin", "Transports",
     "Desserte ferroviaire du Cantal", "5", ["2025-06-26"], "#7#",
     {"datejotran": "2025-03-06", "mintranlib": "Aménagement du territoire"}),
    ("QE", 17, "04205", "2025-04-10", "faure", "Collectivités territoriales",
     "Dotation des communes touristiques", "1", [], "#3#", {}),
    ("QE", 17, "05530", "2025-06-05", "lefevre", "Agriculture",
     "Indemnisation des éleveurs après la fièvre catarrhale", "5",
     ["2025-07-31"], "#1#", {}),
    ("QE", 17, "06014", "2025-07-03", "moreau", "Santé",
     "Délais de rendez-vous en ophtalmologie", "1", [], "#6#",
     {"dateerr": "2025-07-10", "pageerr": 3811}),
    ("QE", 17, "07630", "2025-09-11", "faure", "Collectivités territoriales",
     "Rappel : dotation des communes touristiques", "1", [], "#3#",
     {"refquerappelee": "SEQ250404205", "daterappel": "2025-09-11"}),
    ("QE", 17, "08402", "2025-10-16", "dupre", "Transports",
     "Entretien des routes départementales", "1", [], "#7#", {}),
    ("QE", 17, "09517", "2025-11-20", "chevalier", "Travail",
     "Accès à l'apprentissage en zone rurale", "5", ["2025-12-18"], "#4#",
     {}),
    ("QOSD", 17, "0512S", "2025-03-13", "garnier", "Agriculture",
     "Question orale : avenir de la filière betteravière", "1", [], "#1#",
     {}),
    ("QG", 17, "0301G", "2025-05-21", "blanc", "Intérieur",
     "Question d'actualité : sécurité des élus locaux", "2", [], "#8#", {}),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "questions.zip")
    sql = io.StringIO()
    sql.write("--\n-- PostgreSQL database dump\n--\n\n"
              "SET statement_timeout = 0;\n"
              "SET client_encoding = 'UTF8';\n"
              "SET standard_conforming_strings = on;\n\n")
    write_block(sql, "sortquestion", ["sorquecod", "sorquelib",
                "sorquenumtri"], [dict(sorquecod=c, sorquelib=l,
                sorquenumtri=i) for i, (c, l) in enumerate(SORTS)], "")
    write_block(sql, "etatquestion", ["etaquecod", "etaquelib",
                "etaquenumtri"], [dict(etaquecod="1", etaquelib="Publiée",
                etaquenumtri=1)], "")
    write_block(sql, "naturequestion", ["natquecod", "natquelib",
                "natquenumtri"], [dict(natquecod=n, natquelib=n,
                natquenumtri=i) for i, n in enumerate(["QE", "QOSD", "QG"])],
                "")
    write_block(sql, "legquestion", ["legislature", "republique", "leglib",
                "legdatdeb", "legdatfin"],
                [dict(legislature=16, republique=5, leglib="16e législature",
                      legdatdeb="2022-06-22 00:00:00",
                      legdatfin="2024-06-09 00:00:00"),
                 dict(legislature=17, republique=5, leglib="17e législature",
                      legdatdeb="2024-07-18 00:00:00")], "")
    write_block(sql, "the", ["thecle", "thelib", "theali", "thenouidt"],
                [dict(thecle=i + 1, thelib=t) for i, t in enumerate(THEMES)],
                "")
    ministries = sorted({q[5] for q in Q} | {"Aménagement du territoire"})
    write_block(sql, "tam_ministeres", ["minid", "minidremp", "datedebut",
                "datefin", "ordreprotocolaire", "libelle", "libellelong",
                "titreministre", "intitulejo", "nomministre"],
                [dict(minid=i + 1, libelle=m, libellelong="Ministère : " + m)
                 for i, m in enumerate(ministries)], "")
    rows, answers = [], []
    for i, (nat, leg, num, pub, who, mini, title, sort, ans, themes,
            extra) in enumerate(Q):
        nom, prenom, civ, circ, grp = SENATORS[who]
        qid = 2000 + i
        r = dict(id=qid, sorquecod=sort, natquecod=nat, legislature=leg,
                 etaquecod=1, uuid="U%d" % qid, numero=num,
                 reference="SEQ%s%s%s" % (pub[2:4], pub[5:7], num),
                 titre=title, version=1, nom=nom, prenom=prenom,
                 codequalite=civ, circonscription=circ, groupe=grp,
                 datejodepot=ts_of(pub), mindepotlib=mini,
                 mindepotid=ministries.index(mini) + 1, themes=themes,
                 natqueord=1, repub=5, pagejodepot=1000 + i * 37,
                 txtque="%s %s %s attire l'attention du ministère (%s) sur "
                 "le sujet suivant : %s." % (civ, prenom, nom, mini,
                                             title.lower()))
        for k, v in extra.items():
            r[k] = ts_of(v) if k.startswith("date") else v
        if ans:
            r["datejorep1"] = ts_of(ans[0])
            r["minreplib1"] = extra.get("mintranlib", mini)
        for a in ans:
            answers.append((qid, a, r["minreplib1"]))
        rows.append(r)
    write_block(sql, "tam_questions", COLS, rows, "")
    write_block(sql, "tam_reponses", ["idque", "datejorep", "txtrep",
                "delaijoursrep", "minrepid", "minreplib", "pagejorep",
                "urlrep", "errpage", "errdate", "idrepunique", "txterrrep"],
                [dict(idque=q, datejorep=ts_of(a), minreplib=m,
                      txtrep="Réponse du ministère (%s) publiée le %s." % (
                          m, a)) for q, a, m in answers], "")
    sql.write("--\n-- PostgreSQL database dump complete\n--\n")
    # A fixed date and order: the same bytes each time.
    info = zipfile.ZipInfo("questions.sql", date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with zipfile.ZipFile(out_path, "w") as z:
        z.writestr(info, sql.getvalue().encode("utf-8"))


def ts_of(day):
    import datetime as dt
    return ts(dt.date.fromisoformat(day))


if __name__ == "__main__":
    main()
