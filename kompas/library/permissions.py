"""Who sees what in Vidensbanken.

Published items for everyone (``audience=public``: tools, cases and portraits the municipality shares) are
open to all, anonymous visitors too. Items for staff (``audience=staff``), which every shared learning from
trials, follow-ups and fund reports is, are for municipal staff. Drafts are seen by programme staff, who
write and publish the library's own items.
"""

import rules

from kompas.core.roles import is_programme_staff, is_staff_member

can_search = rules.always_allow
can_read_staff_items = is_staff_member
can_manage_library = is_programme_staff

rules.add_perm("library.change_libraryitem", can_manage_library)
