/*
 * virenum.c: enum <-> string tables kept next to each other
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virenum.h"

/**
 * virEnumFromString:
 * @types: the table, indexed by enum value
 * @ntypes: number of entries in @types
 * @type: word to look up, may be NULL
 *
 * Returns the enum value whose word is @type (compared exactly), or -1
 * if there is none.
 */
int
virEnumFromString(const char * const *types, unsigned int ntypes,
                  const char *type)
{
    unsigned int i;

    if (!type)
        return -1;

    for (i = 0; i < ntypes; i++) {
        if (types[i] && STREQ(types[i], type))
            return i;
    }
    return -1;
}


/**
 * virEnumToString:
 * @types: the table, indexed by enum value
 * @ntypes: number of entries in @types
 * @type: enum value
 *
 * Returns the word for @type, or NULL when it is out of range.
 */
const char *
virEnumToString(const char * const *types, unsigned int ntypes, int type)
{
    if (type < 0 || (unsigned int)type >= ntypes)
        return NULL;
    return types[type];
}


VIR_ENUM_IMPL(virTristateBool, VIR_TRISTATE_BOOL_LAST,
    [VIR_TRISTATE_BOOL_ABSENT] = "absent",
    [VIR_TRISTATE_BOOL_YES] = "yes",
    [VIR_TRISTATE_BOOL_NO] = "no",
);

VIR_ENUM_IMPL(virTristateSwitch, VIR_TRISTATE_SWITCH_LAST,
    [VIR_TRISTATE_SWITCH_ABSENT] = "absent",
    [VIR_TRISTATE_SWITCH_ON] = "on",
    [VIR_TRISTATE_SWITCH_OFF] = "off",
);
