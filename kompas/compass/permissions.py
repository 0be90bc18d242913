"""Who may do what with the paths and pivots.

The path pages and the pivots are for everyone. Programme staff edit their texts. Anyone signed in may ask to
tag an object with further paths; whether they may tag *that* object is its owning app's rule
(``kompas.core.paths.may_tag``), never decided here.
"""

import rules

from kompas.core.roles import is_programme_staff

can_read_paths = rules.always_allow
can_edit_compass = is_programme_staff
can_ask_to_tag = rules.is_authenticated

rules.add_perm("compass.change_path", can_edit_compass)
rules.add_perm("compass.change_pivot", can_edit_compass)
