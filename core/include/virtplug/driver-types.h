/*
 * virtplug/driver-types.h: small types the driver tables use
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef VIRTPLUG_DRIVER_TYPES_H
#define VIRTPLUG_DRIVER_TYPES_H

#ifdef __cplusplus
extern "C" {
#endif

/* What connectOpen answers.  DECLINED lets the core try the next driver
 * serving the scheme; ERROR stops the open with the error reported. */
typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,
    VIR_DRV_OPEN_ERROR = -1,
    VIR_DRV_OPEN_DECLINED = -2,
} virDrvOpenStatus;

#ifdef __cplusplus
}
#endif

#endif /* VIRTPLUG_DRIVER_TYPES_H */
