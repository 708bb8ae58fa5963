import pathlib
src = pathlib.Path('/work/main/tests/data/spent_session56/briefs'); dst = pathlib.Path('/work/evaldata57/briefs')
def fix(t):
    t = t.replace('evaldata56', 'evaldata57').replace('evaldata55', 'evaldata56')
    t = t.replace('including spent_session55', 'including spent_session56')
    t = t.replace('round78, round79, round80, hear56', 'round81, round82, round83, hear57')
    return t
w = fix((src/'WRITER78_BRIEF.md').read_text())
head, rest = w.split('## Persona\n', 1)
_, tail = rest.split('## What to write', 1)
personas = {
 81: ('dariga', """Dariga, 37, Kazakh, from Karaganda, works in Astana; first an engineer at a
coal mine (conveyor-belt failure forecast, a methane-sensor alarm), then a data scientist at a
bank (consumer-loan scoring, a Kazakh/Russian/English call-centre tagger), now an ML lead at a
ride-hailing app (surge-price model, an LLM that answers drivers). Calm, exact, slightly dry
Russian-accented English with few articles: "so", "well", "in general", "let's say", "how to say",
"frankly speaking", numbers in tenge and dollars ("about fifty million tenge, roughly hundred
thousand dollars"), changes as "we decreased it from eighteen to seven percent", "it became two
times less", "before, every fourth ride was cancelled", "plus forty percent"; "my task was", "I
insisted" for her part, "we" for the team; lessons as "conclusion for me"; names a principle
when she means it ("this is Insist on the Highest Standards"), uses principle words loosely
("we must be frugal with servers", "to dive deep in the logs")."""),
 82: ('tavita', """Tavita, 33, Samoan, from Salelologa on Savai'i, works in Auckland; first an
analyst at a fishing co-op (tuna-catch forecast, a cold-store temperature alarm), then a data
scientist at a remittance company (transfer-fraud model, a Samoan/English chat tagger), now an ML
engineer at a supermarket chain (shelf-gap camera, an LLM that answers store staff). Relaxed,
friendly, story-telling Pacific English: "so yeah", "eh", "to be fair", "heaps", "sweet as",
"aye", "the thing was", long set-ups with family and church asides; money in tala and NZ dollars
("like three hundred grand NZ a year"); changes as "it dropped heaps, from like twelve percent to
four", "we halved it", "back then one in ten orders went wrong", "it's three times quicker now";
"I put my hand up", "I sorted it" for his part, "the boys" or "the team" a lot; lessons as "what
I took away"; names a principle now and then ("that's Earn Trust for me"), uses principle words
loosely ("we're customer obsessed, eh", "think big")."""),
 83: ('nanami', """Nanami, 42, Japanese, from Sapporo, works in Osaka; first a quality engineer at
a brewery (fermentation-time forecast, a bottle-cap camera), then a data scientist at an
insurer (claim-fraud model, a Japanese/English email classifier), now an ML lead at a railway
company (train-delay forecast, an LLM that answers passengers). Polite, careful, modest,
sometimes indirect Japanese English: "so", "ah", "etto", "maybe", "I think", "a little bit",
"how do you say", apologises, tells the team's work before her own; money in yen and dollars
("about thirty million yen, so around two hundred thousand dollars"); changes as "it reduced
from nine minutes to four minutes", "about sixty percent reduction", "before, three of ten
emails went to wrong team", "it became half"; "I was in charge", "I suggested" for her part;
lessons as "what I learned"; names a principle politely ("I think this is Learn and Be
Curious"), uses principle words loosely ("we must have high standard for safety", "deliver
results on time")."""),
}
for n, (pid, p) in personas.items():
    t = head + '## Persona\n' + p + '\n## What to write' + tail
    t = t.replace('farhan-01', f'{pid}-01').replace('farhan-36', f'{pid}-36')
    assert 'farhan' not in t.lower(), t
    (dst/f'WRITER{n}_BRIEF.md').write_text(t)
for f in ['LABELLER_BRIEF.md', 'LABELS.md']:
    (dst/f).write_text(fix((src/f).read_text()))
h = fix((src/'HEAR56_WRITER_BRIEF.md').read_text())
h = h.replace("Myanmar (Mandalay), Kenya (Mombasa), Bhutan (Thimphu), the Philippines (Iloilo),\nMontenegro (Podgorica)",
              "Laos (Luang Prabang), Ghana (Takoradi), Rwanda (Musanze), Uruguay (Salto),\nRomania (Iasi)")
h = h.replace('hear56', 'hear57')
assert 'Takoradi' in h and 'hear56' not in h and 'evaldata56/hear' not in h
(dst/'HEAR57_WRITER_BRIEF.md').write_text(h)
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa142': ('qa136', """Tamar, 35, Georgian, from Zugdidi, works in Tbilisi; first an analyst at a
  hazelnut exporter (harvest forecast, a kernel-defect camera), then a data scientist at a bank
  (card-fraud model, a Georgian/Russian/English chat tagger), now an ML engineer at a wine-tourism
  platform (booking-demand model, an LLM for guest support); expressive, fast Georgian English
  that hesitates mid-sentence: "uh", "um", "er", "so", "how to say", runs of "uh, uh, uh",
  restarts ("we tested- we retested"), doubled words ("the, the", "and, and"), long pauses before
  numbers, a quick run of words after a pause."""),
 'qa143': ('qa137', """Mirela, 40, Romanian, from Iasi, works in Bucharest; first an engineer at a
  steel mill (furnace-temperature forecast, a slab-crack camera), then a data scientist at a
  telecom (postpaid churn model, a Romanian/Hungarian/English complaint router), now an ML lead at
  an online pharmacy (stock-out forecast, an LLM that answers pharmacists); direct, warm,
  structured English with Romanian turns: "so", "practically", "let's say", "in principle",
  "more or less", results sometimes before the context, numbers in lei and euros ("around two
  million lei, so four hundred thousand euros"), changes as "it went down by eleven points",
  "it fell to a third", "before, one order in nine was missing something"; "I was responsible
  for", "I pushed for" for her part, "we" for the team; lessons as "what I took from it"; names a
  principle once, uses others loosely."""),
 'qa144': ('qa138', """Sokha, 37, Cambodian, from Battambang, works in Phnom Penh; first an analyst at
  a rice mill (paddy-price forecast, a grain-moisture alarm), then a data scientist at a
  microfinance bank (loan-arrears model, a Khmer/English SMS tagger), now head of ML at a
  motorbike-delivery app (rider ETA model, an LLM that answers merchants); quiet, precise
  Cambodian English: "so", "okay", "actually", "like that", money in riel and dollars ("around
  four hundred million riel, so about one hundred thousand dollars"), changes as "it went down
  from 21 to 9 percent", "we reduced it by half", "before, one delivery in four was late",
  retells stories with corrected figures ("sorry, it was 23, not 21"); "I led it", "I decided"
  for his part; lessons as "my lesson"; names a principle when he means it."""),
}
for new, (old, p) in qa.items():
    t = fix((src/f'{old.upper()}_BRIEF.md').read_text())
    t = t.replace(old.upper(), new.upper()).replace(old, new)
    t = persona(t, p)
    assert old not in t and old.upper() not in t, old
    (dst/f'{new.upper()}_BRIEF.md').write_text(t)
