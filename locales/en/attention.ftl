# Follow-up list and calendar feed

attention-title = Follow-up list
attention-lead-city = Everything in the city’s partnerships that needs attention now: overdue and upcoming deadlines, deliverables to review, and agreements awaiting acceptance or ending.
attention-lead-member = Everything in your organisation’s partnerships that needs attention now: overdue and upcoming deadlines, and agreements awaiting your acceptance.
attention-calendar-link = Subscribe to the deadlines in your calendar
attention-empty = Everything is up to date. There is nothing on the follow-up list.
attention-summary = Summary
attention-days-late = { $days } days overdue
attention-due-in = due in { $days } days
attention-ends-on = ends on { $date }
attention-decision-due = a decision was due by { $date }

attention-kind-commitment_overdue = Overdue commitments
attention-kind-deliverable_overdue = Overdue deliverables
attention-kind-awaiting_review = Awaiting review
attention-kind-awaiting_acceptance = Agreements awaiting acceptance
attention-kind-agreement_ending = Agreements in their notice or renewal period
attention-kind-awaiting_funder = Agreements awaiting the funder’s decision
attention-kind-commitment_upcoming = Upcoming commitments (30 days)
attention-kind-deliverable_upcoming = Upcoming deliverables (30 days)
attention-kind-verbal_not_written = Verbal agreements not yet written down
attention-kind-no_evaluation_decision = No evaluation decision in 12 months

attention-hint-commitment_overdue = Update the status or agree on a new schedule.
attention-hint-deliverable_overdue = The deliverable has not been submitted, even though the due date has passed.
attention-hint-awaiting_review = Submitted for review: accept it or return it with comments.
attention-hint-awaiting_acceptance = The agreement only comes into force once all the parties have accepted it.
attention-hint-agreement_ending = The agreement ends soon: agree on renewing or ending it.
attention-hint-awaiting_funder = Record the funder’s decision when it arrives.
attention-hint-commitment_upcoming = The due date is within the next 30 days.
attention-hint-deliverable_upcoming = The due date is within the next 30 days.
attention-hint-verbal_not_written = Even a verbal agreement is worth writing down, so that it still holds when people change.
attention-hint-no_evaluation_decision = Evaluate the partnership together and decide: continue, reshape or end.

calendar-name = Kumppani – deadlines
calendar-title = Calendar feed
calendar-lead = Subscribe to the deadlines on the follow-up list in your calendar (for example Outlook or Google Calendar) using a secret address. Anyone who knows the address can see your deadlines, so do not share it.
calendar-created = A new calendar address has been created. Copy it now: it will not be shown again.
calendar-active-since = The calendar address has been in use since { $date }.
calendar-revoke = Disable the calendar address
calendar-revoke-confirm = Disable the calendar address? Calendars subscribed to it will stop updating.
calendar-none = You have no calendar address.
calendar-renew-hint = A new address replaces the old one, which stops working immediately.
calendar-renew = Create a new address
calendar-create = Create a calendar address
attention-show-all = Show all ({ $count })
attention-back-to-overview = ← Everything that needs attention
attention-lines-count = Lines: { $count }
