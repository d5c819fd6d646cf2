#!/usr/bin/python3
"""Writes train.txt, dev.txt and test.txt: synthetic sentiment trees in the bracketed format of the
Stanford Sentiment Treebank (Socher et al. 2013), a label 0-4 at every node (0 very negative,
2 neutral, 4 very positive). Sentences come from a small grammar with intensifiers ("very good" is
4, "very bad" 0), negation ("not good" and "not very good" are 1, "not bad" 3), and the
conjunctions "but" (the clause after it decides) and "and" (the sum of the two, clipped). Words
outside adjectives are neutral. Deterministic: Python's random.Random with fixed seeds.
Run: /usr/bin/python3 generate.py (in this folder)."""
import random

POSITIVE = ["good", "great", "clever", "moving", "funny"]
NEGATIVE = ["bad", "dull", "silly", "boring", "awful"]
NOUNS = ["movie", "film", "plot", "cast", "story", "script", "ending"]
DETS = ["the", "this", "a"]
VERBS = ["is", "was", "seems"]


def leaf(score, word):
    return score, "(%d %s)" % (score + 2, word)


def node(score, left, right):
    return score, "(%d %s %s)" % (score + 2, left[1], right[1])


def adjective(r):
    return leaf(1, r.choice(POSITIVE)) if r.random() < 0.5 else leaf(-1, r.choice(NEGATIVE))


def adjective_phrase(r):
    a = adjective(r)
    if r.random() < 0.35:
        a = node(2 * a[0], leaf(0, "very"), a)
    if r.random() < 0.35:
        a = node(-1 if a[0] > 0 else 1, leaf(0, "not"), a)
    return a


def noun_phrase(r):
    noun = leaf(0, r.choice(NOUNS))
    if r.random() < 0.3:
        a = adjective(r)
        noun = node(a[0], a, noun)
    return node(noun[0], leaf(0, r.choice(DETS)), noun)


def sentence(r):
    vp = adjective_phrase(r)
    verb_phrase = node(vp[0], leaf(0, r.choice(VERBS)), vp)
    return node(verb_phrase[0], noun_phrase(r), verb_phrase)


def text(r, clauses):
    s = sentence(r)
    if clauses == 1:
        return s
    rest = text(r, clauses - 1)
    if r.random() < 0.5:
        return node(rest[0], s, node(rest[0], leaf(0, "but"), rest))
    total = max(-2, min(2, s[0] + rest[0]))
    return node(total, s, node(rest[0], leaf(0, "and"), rest))


def write(name, seed, count):
    r = random.Random(seed)
    with open(name, "w") as f:
        for _ in range(count):
            f.write(text(r, r.choice([1, 1, 2, 2, 3]))[1] + "\n")


write("train.txt", 1, 2000)
write("dev.txt", 2, 200)
write("test.txt", 3, 1000)
