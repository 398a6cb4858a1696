# Värdenätverksverkstad: felmeddelanden

error-required-when-other = Berätta vilket det andra skälet är.
error-workshop-duplicate-actor = Samma aktör eller roll finns redan på listan.
error-workshop-two-actors-needed = Verkstaden behöver minst två aktörer.
error-workshop-step-refused = Verkstaden kan bara gå till nästa eller föregående skede.
error-workshop-wrong-step = Det här går inte i verkstadens nuvarande skede.
error-join-code-invalid = Deltagarkoden har sex tecken, till exempel K7M2QX.
error-join-code-unknown = Ingen öppen verkstad hittades med den här koden.
error-joining-closed = Det går inte längre att ansluta till verkstaden.
error-note-question-not-open = Den här frågan kan inte besvaras ännu.
error-note-question-not-for-clients = Klienter och invånare svarar inte på den här frågan.
error-note-about-needed = Välj vem svaret gäller.
error-note-about-not-needed = I den här frågan gäller svaret inte en annan aktör.
error-note-about-self = Svaret gäller en annan aktör, inte den egna organisationen.
error-note-one-answer = Skriv ett svar per lapp.
error-note-merge-itself = En lapp kan inte slås ihop med sig själv.
error-note-already-merged = Lappen är redan sammanslagen med en annan.
error-note-merge-different-sheets = Bara lappar från samma aktör och samma fråga kan slås ihop.
error-note-not-a-challenge = Välj lappar om utmaningar (frågorna 4a och 4b).
error-note-not-a-strength = Välj lappar om styrkor (frågorna 3a och 3b).
error-flow-to-itself = Ett värdeflöde går mellan två olika parter.
error-timer-already-started = Tidtagaren är redan igång.
error-timer-not-running = Tidtagaren är inte igång.
error-timer-not-paused = Tidtagaren är inte pausad.
error-timer-out-of-range = Tiden ska vara 1–60 minuter.
