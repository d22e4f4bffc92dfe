"""What the retrieval check holds your code to, and the documents it makes up to test it.

The page's rules written out as code (how chunks are cut, how a chunk is scored, which
chunks an answer must cite) so the check can say exactly what differs; and a generator of
made-up documents, seeded per test, so a retriever fitted to the sample documents fails.
"""

import math
import random
import re
import textwrap
from collections import Counter

from atlas.llm.standin import NO_ANSWER, sentences, words

VOCAB = (
    "amber basil cedar delta ember fjord garnet harbour indigo juniper kelp lantern meadow "
    "nickel orchid pepper quartz raven saffron tundra umber velvet willow yarrow zephyr "
    "anvil bramble cobalt dune falcon glacier heron ivory jasper kiln lichen marble nectar "
    "opal pylon quill russet sorrel thistle ochre vortex wicker"
).split()
NONSENSE = "Zqxv wplkt frombish?"
RANDOM = random.Random()


def body(text: str) -> str:
    """A document without its heading lines, unwrapped into one line."""
    return " ".join(line for line in text.splitlines() if not line.startswith("#"))


def made_up_sentence(number: int, size: int) -> str:
    picked = RANDOM.choices(VOCAB, weights=[1 / (i + 1) for i in range(len(VOCAB))], k=size - 1)
    return " ".join([*picked, f"item{number}"]).capitalize() + RANDOM.choice(".!?")


def made_up_document(count: int, sizes=(2, 3, 5, 7, 9, 12, 15, 22)) -> str:
    """A Markdown document: headings, hard-wrapped paragraphs, unique sentences."""
    parts, paragraph = ["# " + RANDOM.choice(VOCAB).title()], []
    for number in range(count):
        paragraph.append(made_up_sentence(number, RANDOM.choice(sizes)))
        if RANDOM.random() < 0.25 or number == count - 1:
            parts.append(textwrap.fill(" ".join(paragraph), width=RANDOM.randint(40, 90)))
            paragraph = []
            if RANDOM.random() < 0.3:
                parts.append("## " + RANDOM.choice(VOCAB).title())
    return "\n\n".join(parts) + "\n"


def made_up_corpus(documents: int = 4) -> dict[str, str]:
    return {
        f"{RANDOM.choice(VOCAB)}-{i}.md": made_up_document(RANDOM.randint(3, 12))
        for i in range(documents)
    }


def expected_chunks(text: str, max_words: int, overlap: int) -> list[list[str]]:
    """The chunks the page describes, each as its list of sentences."""
    size = lambda group: sum(len(s.split()) for s in group)  # noqa: E731
    chunks, current = [], []
    for sentence in sentences(body(text)):
        if current and size(current) + len(sentence.split()) > max_words:
            chunks.append(current)
            kept = []
            for previous in reversed(current):
                longer = size(kept) + len(previous.split())
                if longer > overlap or longer + len(sentence.split()) > max_words:
                    break
                kept.insert(0, previous)
            current = kept
        current.append(sentence)
    return [*chunks, current] if current else chunks


def chunking_problem(name, text, got, max_words, overlap) -> str | None:
    """What is wrong with ``got``, the chunks of ``text``, in words a learner can act on."""
    call = f"chunk({name!r}, ..., max_words={max_words}, overlap={overlap})"
    wanted = expected_chunks(text, max_words, overlap)
    ids = [c.id for c in got]
    if ids != [f"{name}#{i}" for i in range(len(ids))]:
        return f"{call}: chunk ids are '<file name>#<number>', numbered from 0; got {ids}"
    every = sentences(body(text))
    for number, (mine, theirs) in enumerate(zip(got, wanted, strict=False)):
        if mine.text == " ".join(theirs):
            continue
        if "\n" in mine.text or "#" in mine.text:
            return f"{call}: drop heading lines and unwrap lines: chunk {number} is {mine.text!r}"
        pieces = sentences(mine.text)
        if any(p not in every for p in pieces):
            return (
                f"{call}: chunks hold whole sentences, split with sentences(): chunk {number} "
                f"has {next(p for p in pieces if p not in every)!r}"
            )
        if len(mine.text.split()) > max_words and len(pieces) > 1:
            return (
                f"{call}: chunk {number} has {len(mine.text.split())} words; at most "
                f"{max_words} (only a single longer sentence may stand alone as a chunk)"
            )
        if number:
            before = wanted[number - 1]
            repeat = [s for s in theirs if s in before]
            repeated = [s for s in pieces if s in before]
            if repeated != repeat:
                return (
                    f"{call}: chunk {number} must start with the previous chunk's last "
                    f"sentences, as many as fit in overlap={overlap} words while the next "
                    f"sentence still fits in max_words: expected it to repeat {repeat}, it "
                    f"repeats {repeated}"
                )
        return (
            f"{call}: fill each chunk with as many whole sentences as fit in "
            f"max_words={max_words}: chunk {number} should be {' '.join(theirs)!r}, "
            f"not {mine.text!r}"
        )
    if len(got) != len(wanted):
        return (
            f"{call}: expected {len(wanted)} chunks, got {len(got)}; every sentence must be in "
            f"a chunk, in order, and no chunk repeated"
        )
    return None


def reference_scores(chunks, question: str) -> list[float]:
    """The score the hint describes, for every chunk."""
    sets = [words(c.text) for c in chunks]
    counts = Counter(w for s in sets for w in s)
    idf = {w: math.log((1 + len(chunks)) / (1 + n)) + 1 for w, n in counts.items()}
    asked = words(question)
    return [sum(idf[w] for w in asked & s) / math.sqrt(len(s) or 1) for s in sets]


def search_problem(chunks, question, k, got) -> str | None:
    scores = dict(zip([c.id for c in chunks], reference_scores(chunks, question), strict=True))
    call = f"search({question!r}, k={k})"
    ids = [c.id for c in got]
    sharing = sum(s > 0 for s in scores.values())
    if any(i not in scores for i in ids):
        return f"{call} must return chunks from the retriever's own list, got {ids}"
    if len(ids) != min(k, sharing):
        return (
            f"{call} must return the k best chunks that share a word with the question: "
            f"{sharing} of {len(chunks)} share one, so expected {min(k, sharing)}, got {len(ids)}"
        )
    mine = [scores[i] for i in ids]
    rest = [s for i, s in scores.items() if i not in ids]
    if any(a < b - 1e-9 for a, b in zip(mine, mine[1:], strict=False)) or (
        rest and mine and max(rest) > min(mine) + 1e-9
    ):
        best = sorted(scores, key=lambda i: -scores[i])[: len(ids)]
        return (
            f"{call} must rank by the hint's score (idf of each shared word, "
            f"log((1 + N) / (1 + n)) + 1, summed, divided by sqrt(len(words(chunk)))), best "
            f"first: expected {best}, got {ids}"
        )
    return None


def sent_problem(call, chunks, question, left_out=()) -> str | None:
    """What is wrong with the messages ``answer`` sent for ``chunks`` and ``question``."""
    text = "\n".join(m["content"] for m in call["messages"])
    for c in chunks:
        if f"[{c.id}] {c.text}" not in text:
            return (
                f"answer must send each retrieved chunk as a line '[id] text', e.g. "
                f"'[{c.id}] {c.text[:30]}...', in the system message or before the question"
            )
    for c in left_out:
        if c.text in text:
            return f"answer must send only the k chunks it retrieved; it also sent {c.id}"
    last = call["messages"][-1]
    if last["role"] != "user" or not last["content"].rstrip().endswith(question):
        return "answer must end the last message, a 'user' one, with the question"
    return None


def clean(reply: str) -> str:
    return re.sub(r" {2,}", " ", re.sub(r"\s*\[[^\[\]]+\]", "", reply)).strip()


def citation_problem(result, retrieved, reply) -> str | None:
    """Whether ``result`` cites what the page says: retrieved chunks the reply used."""
    ids = {c.id: c for c in retrieved}
    tagged = set(re.findall(r"\[([^\[\]]+)\]", reply)) & set(ids)
    quoted = sentences(clean(reply))
    sources = list(result.sources)
    if len(set(sources)) != len(sources):
        return f"answer must cite each chunk once, got {sources}"
    if clean(reply) == NO_ANSWER:
        return None if not sources else f"a reply of NO_ANSWER cites nothing, got {sources}"
    for source in sources:
        if source not in ids:
            return f"answer must cite only chunks it retrieved and sent; it cites {source!r}"
        if source not in tagged and not any(s in ids[source].text for s in quoted):
            return (
                f"answer must cite only the chunks the reply used (tagged with their [id], or "
                f"holding a sentence of the reply); the reply {reply!r} did not use {source}"
            )
    for c in retrieved:
        used = c.id in tagged or any(s in c.text for s in quoted if len(s) > 20)
        if used and c.id not in sources:
            return f"answer must cite {c.id}: the reply {reply!r} used it"
    return None
