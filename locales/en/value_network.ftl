# Value network workshop: error messages

error-required-when-other = Say what the other reason is.
error-workshop-duplicate-actor = That organisation or role is already on the list.
error-workshop-two-actors-needed = A workshop needs at least two organisations.
error-workshop-step-refused = The workshop can only move to the next or the previous step.
error-workshop-wrong-step = This is not possible at the workshop’s current step.
error-join-code-invalid = The join code has six characters, for example K7M2QX.
error-join-code-unknown = No open workshop was found with this code.
error-joining-closed = Joining this workshop has been closed.
error-note-question-not-open = This question cannot be answered yet.
error-note-question-not-for-clients = Clients and residents do not answer this question.
error-note-about-needed = Choose who the answer is about.
error-note-about-not-needed = In this question the answer is not about another organisation.
error-note-about-self = The answer is about another organisation, not your own.
error-note-one-answer = Write one answer per note.
error-note-merge-itself = A note cannot be merged with itself.
error-note-already-merged = The note has already been merged into another.
error-note-merge-different-sheets = Only notes of the same organisation and question can be merged.
error-note-not-a-challenge = Choose notes about challenges (questions 4a and 4b).
error-note-not-a-strength = Choose notes about strengths (questions 3a and 3b).
error-flow-to-itself = A value flow runs between two different parties.
error-timer-already-started = The timer is already running.
error-timer-not-running = The timer is not running.
error-timer-not-paused = The timer is not paused.
error-timer-out-of-range = The time must be 1–60 minutes.
