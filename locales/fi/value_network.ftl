# Arvoverkkotyöpaja: virheilmoitukset

error-required-when-other = Kerro, mikä muu syy on.
error-workshop-duplicate-actor = Sama toimija tai rooli on listalla jo kerran.
error-workshop-two-actors-needed = Työpajaan tarvitaan vähintään kaksi toimijaa.
error-workshop-step-refused = Työpajan vaiheesta voi siirtyä vain seuraavaan tai edelliseen.
error-workshop-wrong-step = Tämä ei onnistu työpajan nykyisessä vaiheessa.
error-join-code-invalid = Liittymiskoodi on kuusi merkkiä, esimerkiksi K7M2QX.
error-join-code-unknown = Tällä koodilla ei löytynyt avointa työpajaa.
error-joining-closed = Työpajaan liittyminen on suljettu.
error-note-question-not-open = Tähän kysymykseen ei voi vielä vastata.
error-note-question-not-for-clients = Asiakkaat ja asukkaat eivät vastaa tähän kysymykseen.
error-note-about-needed = Valitse, ketä vastaus koskee.
error-note-about-not-needed = Tässä kysymyksessä vastaus ei koske toista toimijaa.
error-note-about-self = Vastaus koskee toista toimijaa, ei omaa organisaatiota.
error-note-one-answer = Kirjoita yksi vastaus yhteen lappuun.
error-note-merge-itself = Lappua ei voi yhdistää itseensä.
error-note-already-merged = Lappu on jo yhdistetty toiseen.
error-note-merge-different-sheets = Vain saman toimijan saman kysymyksen lappuja voi yhdistää.
error-note-not-a-challenge = Valitse haasteita koskevia lappuja (kysymykset 4a ja 4b).
error-note-not-a-strength = Valitse vahvuuksia koskevia lappuja (kysymykset 3a ja 3b).
error-flow-to-itself = Arvovirta kulkee kahden eri osapuolen välillä.
error-timer-already-started = Ajastin on jo käynnissä.
error-timer-not-running = Ajastin ei ole käynnissä.
error-timer-not-paused = Ajastin ei ole pysäytettynä.
error-timer-out-of-range = Ajan on oltava 1–60 minuuttia.
