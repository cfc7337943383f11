"""Words that say nothing about what a passage is about, so they are never its key terms.

The search index leaves out only a handful of very common words (it must find "again" when a
reader types it); a related query is made of the passage's most distinctive words, and in a
small library "again", "further" or "absolutely" can look distinctive when they are only
rare. This list is the usual English stop list (articles, pronouns, auxiliaries, prepositions,
conjunctions) plus the adverbs, fillers and light verbs of spoken English: what an interview
says around its ideas, not the ideas. Compared in folded form (``fold``: lower case, ASCII
apostrophes).
"""

from __future__ import annotations

_FUNCTION_WORDS = """
a about above across after afterwards against all almost alone along already also although
always am among amongst an and another any anybody anyhow anyone anything anyway anyways
anywhere are aren't around as at be became because become becomes becoming been before
beforehand behind being below beside besides between beyond both but by can can't cannot
could couldn't did didn't do does doesn't doing don't done down during each either else
elsewhere enough etc even ever every everybody everyone everything everywhere except few for
former formerly from further furthermore had hadn't has hasn't have haven't having he he'd
he'll he's hence her here here's hereafter hereby herein hers herself him himself his how
how's however i i'd i'll i'm i've if in indeed inside instead into is isn't it it'd it'll
it's its itself just least less let let's many may maybe me meanwhile might mine more
moreover most mostly much must mustn't my myself namely neither never nevertheless next no
nobody none noone nor not nothing now nowhere of off often on once one ones only onto or
other others otherwise ought our ours ourselves out outside over own per perhaps rather
same several shall shan't she she'd she'll she's should shouldn't since so some somebody
somehow someone something sometime sometimes somewhat somewhere still such than that that'll
that's the their theirs them themselves then thence there there'd there'll there's
thereafter thereby therefore therein these they they'd they'll they're they've this those
though through throughout thru thus to together too toward towards under unless until unto
up upon us very via was wasn't we we'd we'll we're we've were weren't what what's whatever
when when's whence whenever where where's whereas wherever whether which while whilst who
who's whoever whole whom whose why why's will with within without won't would wouldn't yet
you you'd you'll you're you've your yours yourself yourselves
"""

# Adverbs, fillers and light verbs of conversation.
_SPOKEN_WORDS = """
absolutely actually again ago ah ahead alright anymore apparently aside away back basically
certainly clearly completely definitely easily entirely especially essentially exactly
extremely fairly finally frankly generally genuinely gonna gotta greatly hardly highly
hmm honestly hopefully huh immediately incredibly kinda largely later likely literally
mainly merely mm mhm nearly necessarily obviously oh ok okay particularly possibly presumably
pretty primarily probably quickly quite rarely readily really recently relatively right
seemingly seriously significantly simply slightly so-called sort sorts soon specifically
strongly sure surely totally truly typically uh uhm um undoubtedly unfortunately usually
virtually wanna well whatnot wow yeah yep yes
come comes coming came get gets getting got gotten go goes going gone went give gives gave
given giving keep keeps kept know knows knew known make makes making made put puts say says
saying said see sees seen saw seem seems seemed take takes taking took taken tell tells told
think thinks thought want wants wanted use used uses using
kind kinds lot lots stuff thing things way ways
better best worse worst bigger big great good bad new old little lots else
first second third last
discuss discusses discussed explain explains explained talk talks talked talking
argue argues argued ask asks asked describe describes described vs versus
"""

STOP_WORDS = frozenset((_FUNCTION_WORDS + _SPOKEN_WORDS).split())
