# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Deadline truth where the data contradicts itself or is incomplete.

  truth_cases.py write BASE_JSON DIR    one question file per case in DIR
  truth_cases.py check DIR ASOF LIST_JSON ANOMALIES_TSV
                                        compares qetracker's list at ASOF
                                        with this file's oracle

The oracle is written from domain.md, not from the program: month
arithmetic by dateutil's relativedelta (end-of-month clamp, as art. 641 of
the code de procédure civile), the signalement window as the JO mention
plus 10 days, and the closure classes of domain.md §5. Prints one line per
disagreement and "N problems" last."""
import copy
import datetime as dt
import json
import sys

from dateutil.relativedelta import relativedelta

PUB = "2025-05-20"          # the base question's publication (17-6750)
LEG17_START = "2024-07-18"


def jo(d):
    return {"typeJO": "JO_QUESTION", "dateJO": d, "pageJO": "1"}


def nil():
    return {"@xsi:nil": "true"}


# Each case: number, what changes in the question, and the facts a careful
# reader expects (status at an as-of date comes from the oracle below).
CASES = [
    # 1. closures without a date stand; the date is unknown.
    (91001, "retrait sans date", {"cloture": {"codeCloture": "RET",
     "libelleCloture": "Retrait", "dateCloture": None, "infoJO": None}},
     {"cls": "withdrawn", "closure": "Retrait", "closed": None, "anomaly": "closure_without_date"}),
    (91002, "fin de mandat sans date", {"cloture": {"codeCloture": "FM",
     "libelleCloture": "Fin de mandat", "dateCloture": None, "infoJO": None}},
     {"cls": "lapsed", "closure": "Fin de mandat", "closed": None, "anomaly": "closure_without_date"}),
    (91003, "code inconnu sans date", {"cloture": {"codeCloture": "XYZ",
     "libelleCloture": "Autre chose", "dateCloture": nil(), "infoJO": nil()}},
     {"cls": "closed", "closure": "Autre chose", "closed": None, "anomaly": "closure_without_date"}),
    (91004, "retrait daté", {"cloture": {"codeCloture": "RET",
     "libelleCloture": "Retrait", "dateCloture": "2025-09-01", "infoJO": None}},
     {"cls": "withdrawn", "closure": "Retrait", "closed": "2025-09-01"}),
    # 8. a code without a label: the raw code is kept, the class is closed.
    (91005, "code sans libellé", {"cloture": {"codeCloture": "ZZZ",
     "libelleCloture": None, "dateCloture": "2025-10-01", "infoJO": None}},
     {"cls": "closed", "closure": "ZZZ", "closed": "2025-10-01"}),
    # 7. REP_PUB without an answer text: answered at dateCloture; with no
    # date anywhere, answered, date unknown.
    (91006, "REP_PUB daté sans texte", {"cloture": {"codeCloture": "REP_PUB",
     "libelleCloture": "Réponse publiée", "dateCloture": "2025-06-30",
     "infoJO": None}}, {"answered": "2025-06-30",
     "anomaly": "answer_without_text"}),
    (91007, "REP_PUB sans date", {"cloture": {"codeCloture": "REP_PUB",
     "libelleCloture": "Réponse publiée", "dateCloture": None,
     "infoJO": None}}, {"answered": None, "answered_unknown": True,
     "anomaly": "answer_without_date"}),
    # 2. a signalement as an array: the first JO mention starts the clock.
    (91008, "signalement tableau", {"signalement": [
        {"dateDepotSignal": "2025-09-09", "infoJO": jo("2025-09-16")},
        {"dateDepotSignal": "2025-10-07", "infoJO": jo("2025-10-14")}]},
     {"signaled": "2025-09-16"}),
    (91009, "signalement objet", {"signalement": {
        "dateDepotSignal": "2025-09-09", "infoJO": jo("2025-09-16")}},
     {"signaled": "2025-09-16"}),
    (91010, "signalement null", {"signalement": None}, {"signaled": None}),
    (91011, "signalement nil", {"signalement": nil()}, {"signaled": None}),
    # 11. contradictions: each stands as the data says, and is an anomaly.
    (91012, "réponse avant publication", {"textesReponse": {"texteReponse": {
        "infoJO": jo("2025-05-01"), "texte": "R."}}},
     {"answered": "2025-05-01", "anomaly": "answer_before_publication"}),
    (91013, "signalement avant publication", {"signalement": {
        "dateDepotSignal": "2025-04-01", "infoJO": jo("2025-04-08")}},
     {"signaled": "2025-04-08", "anomaly": "signal_before_publication"}),
    (91014, "retrait avant publication", {"cloture": {"codeCloture": "RET",
     "libelleCloture": "Retrait", "dateCloture": "2025-05-01", "infoJO": None}},
     {"cls": "withdrawn", "closure": "Retrait", "closed": "2025-05-01",
      "anomaly": "closure_before_publication"}),
    (91015, "publiée avant la législature", {"published": "2024-06-01"},
     {"anomaly": "published_outside_legislature"}),
]

# Questions of earlier legislatures that stayed open: they lapse at their
# legislature's end (XIII: 2012-06-19; XI: 2002-06-18).
OLD = [
    (13, 92001, "2011-03-01", "2012-06-19"),
    (11, 92002, "2001-03-06", "2002-06-18"),
]


def d(s):
    return dt.date.fromisoformat(s)


def iso(x):
    return x.isoformat() if x else None


def write(base, out):
    src = json.load(open(base))
    for num, _, change, _ in CASES:
        q = copy.deepcopy(src)
        qq = q["question"]
        qq["uid"] = f"QANR5L17QE{num}"
        qq["identifiant"]["numero"] = str(num)
        for k, v in change.items():
            if k == "published":
                qq["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = v
            else:
                qq[k] = v
        json.dump(q, open(f"{out}/q{num}.json", "w"), ensure_ascii=False)
    for leg, num, pub, _ in OLD:
        q = copy.deepcopy(src)
        qq = q["question"]
        qq["uid"] = f"QANR5L{leg}QE{num}"
        qq["identifiant"]["numero"] = str(num)
        qq["identifiant"]["legislature"] = str(leg)
        qq["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = pub
        json.dump(q, open(f"{out}/old{num}.json", "w"), ensure_ascii=False)


def oracle_status(facts, pub, asof, lapse=None):
    """The status a careful reader gives at asof, and the closure date."""
    deadline = pub + relativedelta(months=2)
    if asof < pub:
        return None, None
    if "answered" in facts:
        a = facts["answered"]
        if a is None:
            return "answered", None
        a = d(a)
        if a <= asof:
            return ("answered_late" if a > deadline else "answered"), iso(a)
    if "cls" in facts:
        c = facts["closed"]
        if c is None and facts["cls"] == "lapsed":
            # Fin de mandat, no date: at the legislature's end (XVII has
            # none yet): lapsed, date unknown.
            return "lapsed", None
        if c is None:
            return facts["cls"], None
        if d(c) <= asof:
            return facts["cls"], c
    if lapse is not None and asof > lapse:
        return "lapsed", iso(lapse)
    return ("open" if asof <= deadline else "overdue"), None


def check(out, asof_s, list_json, anomalies_tsv):
    asof = d(asof_s)
    got = {q["uid"]: q for q in json.load(open(list_json))}
    anomalies = set()
    for line in open(anomalies_tsv):
        uid, kind = line.rstrip("\n").split("\t")[:2]
        anomalies.add((uid, kind))
    problems = []
    for num, name, change, facts in CASES:
        uid = f"QANR5L17QE{num}"
        pub = d(change.get("published", PUB))
        want, closed = oracle_status(facts, pub, asof)
        q = got.get(uid)
        if q is None:
            problems.append(f"{name}: not listed")
            continue
        if q["status"] != want:
            problems.append(f"{name}: status {q['status']}, want {want}")
        shown = facts.get("closure") if "cls" in facts and want == facts["cls"] else None
        # An answer closes the question: the closure's words are shown
        # from its (known) date on.
        clo = change.get("cloture")
        if clo and want in ("answered", "answered_late") and closed:
            shown = clo["libelleCloture"]
        if q["closure"] != shown:
            problems.append(f"{name}: closure {q['closure']}, want {shown}")
        if "cls" in facts and want == facts["cls"] and q["closed"] != closed:
            problems.append(f"{name}: closed {q['closed']}, want {closed}")
        if "answered" in facts and q["answered"] != facts["answered"] and \
                d(facts["answered"] or asof_s) <= asof:
            problems.append(f"{name}: answered {q['answered']}, want {facts['answered']}")
        if "signaled" in facts:
            s = facts["signaled"]
            # Facts after the as-of date are not known at that date.
            if s is not None and d(s) > asof:
                s = None
            if q["signaled"] != s:
                problems.append(f"{name}: signaled {q['signaled']}, want {s}")
            sd = iso(d(s) + dt.timedelta(days=10)) if s else None
            if q["signal_deadline"] != sd:
                problems.append(f"{name}: signal_deadline {q['signal_deadline']}, want {sd}")
        deadline = iso(pub + relativedelta(months=2))
        if q["deadline"] != deadline:
            problems.append(f"{name}: deadline {q['deadline']}, want {deadline}")
        if "anomaly" in facts and (uid, facts["anomaly"]) not in anomalies:
            problems.append(f"{name}: no anomaly {facts['anomaly']}")
    for leg, num, pub, end in OLD:
        uid = f"QANR5L{leg}QE{num}"
        q = got.get(uid)
        want, closed = oracle_status({}, d(pub), asof, d(end))
        if q is None or q["status"] != want or q["closed"] != closed:
            problems.append(f"legislature {leg}: {q and (q['status'], q['closed'])}, "
                            f"want {(want, closed)}")
    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    else:
        sys.exit(check(*sys.argv[2:6]))
