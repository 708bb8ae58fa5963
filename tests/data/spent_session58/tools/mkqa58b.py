"""Session 58's final-code trial briefs (QA151-QA153), made from the start-code ones with new personas."""
import pathlib
d = pathlib.Path('/work/evaldata58/briefs')
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa151': ('qa148', """Rangi, 40, Māori, from Rotorua, works in Wellington; first an analyst at a
  geothermal power station (steam-pressure forecast, a well-head gas alarm), then a data
  scientist at a dairy co-op (milk-yield forecast, a te reo/English chat tagger), now an ML
  engineer at a bus-ticketing app (arrival-time model, an LLM for driver support); slow, warm,
  thoughtful English that stops to think before numbers: "uh", "um", "ah", "so", "eh", runs of
  "uh, uh, uh", restarts ("we trained- we retrained"), doubled words ("the, the", "and, and"),
  long pauses before numbers, a quick run of words after a pause."""),
 'qa152': ('qa149', """Ilse, 38, Dutch, from Groningen, works in Rotterdam; first an engineer at a
  sugar-beet factory (beet-sugar-content forecast, a boiler-pressure alarm), then a data scientist
  at a bank (mortgage-arrears model, a Dutch/English complaint router), now an ML lead at a
  port-logistics platform (container-dwell forecast, an LLM that answers truck drivers); blunt,
  efficient, direct Dutch English: "so", "actually", "to be honest", "let's say", "more or less",
  results sometimes before the context, numbers in euros ("around one point two million euros a
  year"), changes as "it went down by six points", "it dropped to a third", "before, one truck in
  five waited more than an hour"; "I was responsible for", "I pushed for" for her part, "we" for
  the team; lessons as "what I took from it"; names a principle once, uses others loosely."""),
 'qa153': ('qa150', """Dorjee, 42, Nepali, from Pokhara, works in Kathmandu; first an analyst at a
  hydropower plant (river-flow forecast, a turbine-vibration alarm), then a data scientist at a
  remittance company (transfer-fraud model, a Nepali/English SMS tagger), now head of ML at a
  trekking-booking platform (cancellation model, an LLM that answers guides); calm, careful,
  formal English: "so", "actually", "you see", money in rupees and dollars ("around one crore
  rupees, so about seventy-five thousand dollars"), changes as "it went down from 18 to 7
  percent", "we halved it", "before, one booking in four was cancelled", retells stories with
  corrected figures ("sorry, it was 19, not 18"); "I led it", "I decided" for his part; lessons
  as "my lesson"; names a principle when he means it."""),
}
for new, (old, p) in qa.items():
    t = (d/f'{old.upper()}_BRIEF.md').read_text()
    t = t.replace(old.upper(), new.upper()).replace(old, new)
    t = t.replace("(main at the start of this session)", "(main with this session's fixes)")
    t = t.replace("nor the other qa folders)", "nor the other qa folders, nor tests/data/spent_session58)")
    t = t.replace("/work/evaldata40 … /work/evaldata57,", "/work/evaldata40 … /work/evaldata57, /work/main/tests/data/spent_session58,")
    t = persona(t, p)
    assert old not in t
    (d/f'{new.upper()}_BRIEF.md').write_text(t)
