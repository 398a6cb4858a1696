# Agreements, acceptances and attachments

agreements-heading = Agreements
agreements-none = No agreement document has been recorded for this partnership yet.
agreements-none-verbal = The agreement is verbal. Record it as a written agreement so that the parties can accept it.
agreement-new-title = New agreement version
agreement-new-version = Draw up an amendment or renewal
agreement-document = Agreement
agreement-version = version
agreement-version-legend = Agreement version
agreement-create-button = Save and send for acceptance
agreement-contents-hint = The content has been filled in from the partnership’s details. The parties’ commitments are taken into the agreement from the partnership’s party rows.
agreement-commitments-above = The parties’ commitments are listed in the table of parties.
agreement-validity = Period of validity
agreement-status-label = Status
agreement-chain-heading = Versions of the agreement
field-agreement-kind = Version
field-previous-version = Which version this amends or renews
field-agreement-title = Title of the agreement
field-agreement-language = Language of the agreement
field-notice-days = Notice before the end (days)
notice-days-hint = The agreement goes on the follow-up list this many days before it ends, so that there is time to agree on a renewal.
notice-from = On the follow-up list from { $date }
valid-until-hint = Leave empty if the agreement is valid until further notice.
valid-until-open = Until further notice
field-funder-condition = Conditional on a funder’s decision
funder-condition-hint = For example STEA. The agreement only comes into force once a positive decision has been recorded; a negative decision ends it.
funder-decision-pending = decision pending
funder-decision-legend = Funder’s decision
field-funder-verdict = Decision
field-decision-reference = Decision reference
funder-verdict-positive = Positive
funder-verdict-negative = Negative

agreement-kind-original = Original agreement
agreement-kind-amendment = Amendment
agreement-kind-renewal = Renewal

agreement-status-awaiting_acceptance = Awaiting the parties’ acceptance
agreement-status-awaiting_funder = Awaiting the funder’s decision
agreement-status-not_yet_valid = Accepted, comes into force later
agreement-status-in_force = In force
agreement-status-expired = Expired
agreement-status-superseded = Replaced by a newer version
agreement-status-rejected = Negative decision by the funder

acceptances-heading = Acceptances
accepted-on = Accepted on
acceptance-method = Method
not-yet-accepted = Not accepted yet
acceptance-method-in_app = Accepted in the app
acceptance-method-paper = Signed on paper
accept-on-behalf = Accept the agreement on behalf of { $actor }.
accept-button = Accept the agreement
paper-legend = Record a signed paper copy
field-signed-on = Date signed
paper-button = Record the signature
print-button = Print the agreement

attachments-heading = Attachments
attachments-none = No attachments.
field-attachment = Attachment
attachment-hint = A PDF, ODT, DOCX or XLSX file, up to 20 MB.
attach-button = Add attachment

notice-accepted = Acceptance recorded.
notice-attached = Attachment added.
notice-attachment-removed = Attachment removed.

timeline-transition = Phase changed
timeline-agreement_created = Agreement version drawn up
timeline-accepted = A party accepted the agreement
timeline-funder_decision = Funder’s decision recorded
timeline-in_force = Agreement came into force
timeline-commitment_added = Commitment added
timeline-commitment_updated = Commitment status updated
timeline-deliverable_added = Deliverable added
timeline-deliverable_submitted = Deliverable submitted for review
timeline-deliverable_reviewed = Deliverable reviewed
timeline-grant_recorded = Grant details recorded

error-already-accepted = This party has already accepted the agreement.
error-no-funder-decision-pending = The agreement is not awaiting a funder’s decision.
error-attachment-empty = Choose a file to upload.
error-attachment-too-large = The file is too large. An attachment can be no more than 20 MB.
error-attachment-type = The file is not a PDF, ODT, DOCX or XLSX file. Save it in one of these formats.
notice-agreement-created = The agreement version was saved and sent to the parties for acceptance.
bytes = B
kilobytes = kB
megabytes = MB
attachment-remove-button = Remove
attachment-remove-confirm = Remove the attachment “{ $name }”? This cannot be undone.
