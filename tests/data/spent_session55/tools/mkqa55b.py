import pathlib
d = pathlib.Path('/work/evaldata55/briefs')
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa133': ('qa130', """Sione, 37, Tongan, from Nuku'alofa, works in Auckland; first an analyst at a
  fisheries ministry (tuna-catch forecast, a boat-tracker gap alarm), then a data scientist at a
  remittance company (transfer-fraud rule, a Tongan/English chat tagger), now an ML engineer at a
  bus operator (arrival-time model, an LLM for driver rosters); gentle, slow Pacific English that
  trails off: "ah", "uh", "um", "eh", "so yeah", "like", runs of "uh, uh", restarts ("we
  built- we rebuilt"), long pauses before numbers and names, sometimes very fast lists."""),
 'qa134': ('qa131', """Nodira, 38, Uzbek, from Namangan, works in Tashkent; first an economist at a
  cotton-textile cluster (yarn-demand forecast, a loom-stop alarm), then a data scientist at a
  bank (microloan default model, an Uzbek/Russian call tagger), now an ML lead at a ride-hailing
  app (surge-price model, an LLM that answers drivers); precise, formal, slightly bookish
  English with Russian turns: "so", "let us say", "as I remember", "in principle", results
  sometimes before the context, numbers in sum and dollars ("about four billion sum, so three
  hundred thousand dollars"), changes as "decreased two times", "from nineteen to eleven
  percent", "before, every sixth driver left in the first month"; "I was responsible for", "I
  decided" for her part, "we" for the team; lessons as "my conclusion"; names a principle once,
  uses others loosely."""),
 'qa135': ('qa132', """Emeka, 45, Nigerian, from Enugu, works in Lagos; first an engineer at a
  brewery (bottling-line stoppage forecast, a crate-count camera), then a data scientist at a
  fintech (POS-terminal fraud rule, an Igbo/Pidgin/English complaint tagger), now head of ML at a
  logistics marketplace (truck ETA model, an LLM that answers shippers); confident, fast Nigerian
  English: "you know", "honestly", "the thing is", "na so", money in naira and dollars ("about
  ninety million naira, call it sixty thousand dollars"), changes as "came down from 18 to 7
  percent", "we halved it", "before, one trip in six was late", retells stories with corrected
  figures ("no, it was 16, not 18"); "I drove it" for his part; lessons as "my takeaway"; names
  a principle when he means it."""),
}
for new, (old, p) in qa.items():
    t = (d/f'{old.upper()}_BRIEF.md').read_text()
    t = t.replace(old.upper(), new.upper()).replace(old, new)
    t = t.replace("(main at the start of this session)", "(main with this session's fixes)")
    t = t.replace("nor the other qa folders)", "nor the other qa folders, nor tests/data/spent_session55)")
    t = persona(t, p)
    assert old not in t
    (d/f'{new.upper()}_BRIEF.md').write_text(t)
