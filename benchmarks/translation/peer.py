#!/usr/bin/python3
"""A PyTorch encoder-decoder of the same shape as examples/translation-en-es.properties.

Embeddings of size E for source and target tokens; an LSTM encoder (H units) whose outputs are
projected to d (model.context) as h_s; summary c = tanh(h_T); additive attention (Bahdanau, Cho and
Bengio 2015) with scoring size A: e_ts = v^T tanh(W h_s + U q_{t-1}), q_0 = c; an LSTM decoder cell
(H units) fed [emb(y_{t-1}) ; c_t], its output projected to d as q_t; scores z_t = W_z [q_t ; c_t] + b.
Teacher forcing, cross-entropy averaged over the real target tokens (the end token included), Adam,
gradient norm clipped, padded batches with masks. Tokens and vocabularies as Engram's translation
application makes them with data.tokens=word: lower-cased, words and punctuation split, the most
frequent training tokens, id 0 </s> (start and end), id 1 <unk>.

Prints the training time and target tokens per second (on --threads threads), and the greedy BLEU
of the test split (13a tokenisation, no smoothing) beside the copy-the-source baseline.
usage: peer.py --train T.tsv --test T.tsv [--epochs N ...]   (Debian's python3-torch)
"""
import argparse
import math
import re
import time
from collections import Counter

import torch
import torch.nn as nn

JOINER = "\uFFED"


def tokenize(text):
    text = " ".join(text.split()).lower()
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isalnum():
            j = i
            while j < len(text) and text[j].isalnum():
                j += 1
            out.append(text[i:j])
            i = j
        else:
            left = i > 0 and not text[i - 1].isspace()
            right = i + 1 < len(text) and not text[i + 1].isspace()
            out.append((JOINER if left else "") + c + (JOINER if right else ""))
            i += 1
    return out


def detokenize(tokens):
    out, glued = "", True
    for t in tokens:
        left = len(t) > 1 and t.startswith(JOINER)
        t = t[1:] if left else t
        right = len(t) > 1 and t.endswith(JOINER)
        t = t[:-1] if right else t
        out += ("" if glued or left else " ") + t
        glued = right
    return out


def vocabulary(sentences, size):
    counts = Counter()
    for s in sentences:
        counts.update(s)
    order = sorted(counts, key=lambda w: -counts[w])  # stable: ties in order of first occurrence
    tokens = ["</s>", "<unk>"] + order[:size - 2]
    return tokens, {t: i for i, t in enumerate(tokens)}


def read(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]


def tokenize_13a(line):
    line = " " + line + " "
    line = re.sub(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])", r" \1 ", line)
    line = re.sub(r"([^0-9])([\.,])", r"\1 \2 ", line)
    line = re.sub(r"([\.,])([^0-9])", r" \1 \2", line)
    line = re.sub(r"([0-9])(-)", r"\1 \2 ", line)
    return line.split()


def bleu(hypotheses, references):
    correct, total, hyp_len, ref_len = [0] * 4, [0] * 4, 0, 0
    for h, r in zip(hypotheses, references):
        h, r = tokenize_13a(h), tokenize_13a(r)
        hyp_len += len(h)
        ref_len += len(r)
        for n in range(1, 5):
            hc = Counter(tuple(h[i:i + n]) for i in range(len(h) - n + 1))
            rc = Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
            correct[n - 1] += sum((hc & rc).values())
            total[n - 1] += sum(hc.values())
    if min(correct) == 0:
        return 0.0
    bp = 1.0 if hyp_len >= ref_len else math.exp(1 - ref_len / hyp_len)
    return 100 * bp * math.exp(sum(math.log(c / t) for c, t in zip(correct, total)) / 4)


class Seq2seq(nn.Module):
    def __init__(self, vs, vt, e, h, d, a):
        super().__init__()
        self.src_emb, self.tgt_emb = nn.Embedding(vs, e), nn.Embedding(vt, e)
        self.encoder, self.enc_out = nn.LSTM(e, h, batch_first=True), nn.Linear(h, d)
        self.cell, self.dec_out = nn.LSTMCell(e + d, h), nn.Linear(h, d)
        self.w, self.u, self.v = nn.Linear(d, a, bias=False), nn.Linear(d, a, bias=False), nn.Linear(a, 1, bias=False)
        self.readout = nn.Linear(2 * d, vt)
        self.h = h

    def encode(self, src, lengths):
        out, _ = self.encoder(self.src_emb(src))
        hs = self.enc_out(out)                                   # [B, T, d]
        mask = torch.arange(src.shape[1])[None, :] < lengths[:, None]
        c = torch.tanh(hs[torch.arange(src.shape[0]), lengths - 1])
        b = src.shape[0]
        return hs, self.w(hs), mask, c, (torch.zeros(b, self.h), torch.zeros(b, self.h))

    def step(self, prev, hs, keys, mask, q, state):
        e = self.v(torch.tanh(keys + self.u(q)[:, None, :])).squeeze(2).masked_fill(~mask, -1e9)
        a = torch.softmax(e, dim=1)
        ctx = torch.bmm(a[:, None, :], hs).squeeze(1)
        hdec, cdec = self.cell(torch.cat([self.tgt_emb(prev), ctx], 1), state)
        q = self.dec_out(hdec)
        return self.readout(torch.cat([q, ctx], 1)), q, (hdec, cdec)


def pad(rows):
    width = max(len(r) for r in rows)
    return torch.tensor([r + [0] * (width - len(r)) for r in rows]), torch.tensor([len(r) for r in rows])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    for name, default in [("embedding", 64), ("hidden", 128), ("context", 128), ("attention-size", 64),
                          ("source-vocabulary", 1200), ("target-vocabulary", 1500), ("batch", 32),
                          ("epochs", 8), ("threads", 2), ("seed", 1)]:
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--lr", type=float, default=0.005)
    p.add_argument("--clip", type=float, default=5.0)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train, test = read(args.train), read(args.test)
    src_tok = [tokenize(s) for s, _ in train]
    tgt_tok = [tokenize(t) for _, t in train]
    src_vocab, src_ids = vocabulary(src_tok, args.source_vocabulary)
    tgt_vocab, tgt_ids = vocabulary(tgt_tok, args.target_vocabulary)
    enc = lambda toks, ids: [ids.get(t, 1) for t in toks]
    xs = [enc(s, src_ids) + [0] for s in src_tok]
    ys = [enc(t, tgt_ids) + [0] for t in tgt_tok]
    tokens = sum(len(y) for y in ys)
    model = Seq2seq(len(src_vocab), len(tgt_vocab), args.embedding, args.hidden, args.context, args.attention_size)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1, reduction="sum")
    print(f"peer: {len(train)} training pairs, vocabularies {len(src_vocab)} / {len(tgt_vocab)}, "
          f"{sum(p.numel() for p in model.parameters())} parameters, {tokens} target tokens an epoch")
    start = time.perf_counter()
    g = torch.Generator().manual_seed(args.seed)
    for epoch in range(args.epochs):
        order = torch.randperm(len(xs), generator=g).tolist()
        total = 0.0
        for k in range(0, len(order), args.batch):
            idx = order[k:k + args.batch]
            src, lengths = pad([xs[i] for i in idx])
            tgt, tlen = pad([ys[i] for i in idx])
            hs, keys, mask, q, state = model.encode(src, lengths)
            prev = torch.zeros(len(idx), dtype=torch.long)
            loss = 0.0
            for t in range(tgt.shape[1]):
                z, q, state = model.step(prev, hs, keys, mask, q, state)
                target = torch.where(t < tlen, tgt[:, t], torch.full_like(tgt[:, t], -1))
                loss = loss + loss_fn(z, target)
                prev = tgt[:, t]
            loss = loss / int(tlen.sum())
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            opt.step()
            total += float(loss) * len(idx)
        print(f"peer epoch {epoch + 1}: train loss {total / len(xs):.4f}")
    seconds = time.perf_counter() - start
    hyps = []
    with torch.no_grad():
        for s, _ in test:
            src, lengths = pad([enc(tokenize(s), src_ids) + [0]])
            hs, keys, mask, q, state = model.encode(src, lengths)
            prev, out = torch.zeros(1, dtype=torch.long), []
            for _ in range(2 * (len(src[0]) - 1) + 10):
                z, q, state = model.step(prev, hs, keys, mask, q, state)
                prev = z.argmax(1)
                if int(prev) == 0:
                    break
                out.append(tgt_vocab[int(prev)])
            hyps.append(detokenize(out))
    refs = [" ".join(t.split()).lower() for _, t in test]
    copies = [" ".join(s.split()).lower() for s, _ in test]
    print(f"peer: training {seconds:.1f} s for {args.epochs} epochs on {args.threads} threads, "
          f"{tokens * args.epochs / seconds:.0f} target tokens/s")
    print(f"peer: test bleu {bleu(hyps, refs):.2f} (greedy), bleu.copy {bleu(copies, refs):.2f}")


if __name__ == "__main__":
    main()
