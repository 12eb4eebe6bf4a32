/*
 * domain_conf_priv.h: functions the files of the domain model call in
 * each other (domain_conf.c, domain_disk_conf.c, domain_device_conf.c,
 * domain_postparse.c) and that tests may reach; not API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#ifndef VIR_DOMAIN_CONF_PRIV_H_ALLOW
# error "domain_conf_priv.h is private to the domain model and its tests"
#endif

#include <libxml/tree.h>

#include "domain_conf.h"

/* Strictness: report the first attribute of @node not in @attrs or the
 * first element child not in @children (either list may be NULL for
 * "none allowed").  Returns 0 or -1. */
int virDomainXMLCheck(xmlNodePtr node,
                      const char *const *attrs,
                      const char *const *children);

/* The text of element @node, or NULL when it is empty. */
char *virDomainXMLContent(xmlNodePtr node);

/* Parse "0-3,^2,7" into a normalized range list ("0-1,3,7"), "" when
 * everything was excluded; NULL with VIR_ERR_INVALID_ARG if malformed. */
char *virDomainParseRangeList(const char *str);

/* domain_os_conf.c */
int virDomainOSParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainOSFormat(virBuffer *buf, const virDomainDef *def);
int virDomainFeaturesParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainFeaturesFormat(virBuffer *buf, const virDomainDef *def);
int virDomainClockParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainClockFormat(virBuffer *buf, const virDomainClockDef *clock);

/* domain_address_conf.c */
int virDomainDeviceInfoParseChild(xmlNodePtr cur,
                                  virDomainDeviceInfo *info,
                                  unsigned int flags);
void virDomainDeviceInfoFormat(virBuffer *buf,
                               const virDomainDeviceInfo *info,
                               unsigned int flags);
void virDomainDeviceInfoClear(virDomainDeviceInfo *info);
void virDomainDeviceInfoCopy(virDomainDeviceInfo *dst,
                             const virDomainDeviceInfo *src);

/* domain_device_conf.c */

virDomainControllerDef *virDomainControllerDefNew(virDomainControllerType type);
virDomainControllerDef *virDomainControllerDefParseXML(xmlNodePtr node,
                                                       unsigned int flags);
void virDomainControllerDefFormat(virBuffer *buf,
                                  const virDomainControllerDef *def,
                                  unsigned int flags);
void virDomainControllerDefFree(virDomainControllerDef *def);
void virDomainControllerInsert(virDomainDef *def,
                               virDomainControllerDef *cont);
int virDomainControllerFind(const virDomainDef *def,
                            virDomainControllerType type, int idx);

virDomainNetDef *virDomainNetDefParseXML(xmlNodePtr node, unsigned int flags);
void virDomainNetDefFormat(virBuffer *buf, const virDomainNetDef *def,
                           unsigned int flags);
void virDomainNetDefFree(virDomainNetDef *def);

/* domain_chr_conf.c */
virDomainChrDef *virDomainChrDefParseXML(xmlNodePtr node,
                                         virDomainChrDeviceType devType,
                                         unsigned int flags);
void virDomainChrDefFormat(virBuffer *buf, const virDomainChrDef *def,
                           unsigned int flags);
void virDomainChrDefFree(virDomainChrDef *def);
virDomainChrDef *virDomainChrDefCopy(const virDomainChrDef *src);
int virDomainChrSourceParseXML(xmlNodePtr node, virDomainChrSourceDef *src,
                               unsigned int flags);
void virDomainChrSourceFormat(virBuffer *buf, const virDomainChrSourceDef *src,
                              unsigned int flags);
int virDomainChrProtocolParseXML(xmlNodePtr node, virDomainChrSourceDef *src);
int virDomainChrSourceCheck(const virDomainChrSourceDef *src,
                            bool pathChosenByDriver);
void virDomainChrSourceClear(virDomainChrSourceDef *src);

/* domain_graphics_conf.c */
virDomainGraphicsDef *virDomainGraphicsDefParseXML(xmlNodePtr node,
                                                   unsigned int flags);
void virDomainGraphicsDefFormat(virBuffer *buf,
                                const virDomainGraphicsDef *def,
                                unsigned int flags);
void virDomainGraphicsDefFree(virDomainGraphicsDef *def);

virDomainVideoDef *virDomainVideoDefParseXML(xmlNodePtr node,
                                             unsigned int flags);
void virDomainVideoDefFormat(virBuffer *buf, const virDomainVideoDef *def,
                             unsigned int flags);
void virDomainVideoDefFree(virDomainVideoDef *def);

virDomainInputDef *virDomainInputDefParseXML(xmlNodePtr node,
                                             unsigned int flags);
void virDomainInputDefFormat(virBuffer *buf, const virDomainInputDef *def,
                             unsigned int flags);
void virDomainInputDefFree(virDomainInputDef *def);

virDomainMemballoonDef *virDomainMemballoonDefParseXML(xmlNodePtr node,
                                                       unsigned int flags);
void virDomainMemballoonDefFormat(virBuffer *buf,
                                  const virDomainMemballoonDef *def,
                                  unsigned int flags);
void virDomainMemballoonDefFree(virDomainMemballoonDef *def);

/* domain_disk_conf.c */
virDomainDiskDef *virDomainDiskDefParseXML(xmlNodePtr node,
                                           unsigned int flags);
void virDomainDiskDefFormat(virBuffer *buf, const virDomainDiskDef *def,
                            unsigned int flags);
void virDomainDiskDefFree(virDomainDiskDef *def);
void virDomainDiskInsert(virDomainDef *def, virDomainDiskDef *disk);
int virDomainDiskDefaultBus(virDomainDiskDef *disk);
int virDomainDiskAssignAddress(virDomainDiskDef *disk);

/* domain_conf.c */
int virDomainParseMemory(xmlNodePtr node, const char *xpath,
                         unsigned long long *kib);

/* domain_address_conf.c */
int virPCIDeviceAddressParseXML(xmlNodePtr node, virPCIDeviceAddress *addr);

/* domain_tune_conf.c */
void virDomainTuneClear(virDomainDef *def);
int virDomainMaxMemoryParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainMaxMemoryFormat(virBuffer *buf, const virDomainDef *def);
int virDomainIOThreadsParseXML(xmlNodePtr node, virDomainDef *def);
int virDomainBlkiotuneParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainBlkiotuneFormat(virBuffer *buf, const virDomainDef *def);
int virDomainMemtuneParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainMemtuneFormat(virBuffer *buf, const virDomainDef *def);
int virDomainMemoryBackingParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainMemoryBackingFormat(virBuffer *buf, const virDomainDef *def);
int virDomainCputuneParseXML(xmlNodePtr node, virDomainDef *def);
int virDomainCputuneValidate(const virDomainDef *def);
void virDomainCputuneFormat(virBuffer *buf, const virDomainDef *def);

/* domain_sysinfo_conf.c */
void virSysinfoDefFree(virSysinfoDef *def);
int virSysinfoDefParseXML(xmlNodePtr node, virDomainDef *def);
void virSysinfoDefFormat(virBuffer *buf, const virSysinfoDef *def);
void virSecurityLabelDefFree(virSecurityLabelDef *def);
int virSecurityLabelDefParseXML(xmlNodePtr node, virDomainDef *def,
                                unsigned int flags);
void virSecurityLabelDefFormat(virBuffer *buf, const virSecurityLabelDef *def,
                               unsigned int flags);

/* domain_hyperv_conf.c */
int virDomainHypervParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainHypervFormat(virBuffer *buf, const virDomainDef *def);
int virDomainKVMParseXML(xmlNodePtr node, virDomainDef *def);
void virDomainKVMFormat(virBuffer *buf, const virDomainDef *def);

/* domain_misc_device_conf.c and domain_hostdev_conf.c: one triple of
 * parse, format and free per device family */
#define VIR_DOMAIN_DEVICE_FAMILY(Type, Name) \
    Type *Name##ParseXML(xmlNodePtr node, unsigned int flags); \
    void Name##Format(virBuffer *buf, const Type *def, unsigned int flags); \
    void Name##Free(Type *def)

VIR_DOMAIN_DEVICE_FAMILY(virDomainFSDef, virDomainFSDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainTPMDef, virDomainTPMDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainSoundDef, virDomainSoundDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainAudioDef, virDomainAudioDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainHostdevDef, virDomainHostdevDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainRedirdevDef, virDomainRedirdevDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainWatchdogDef, virDomainWatchdogDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainRNGDef, virDomainRNGDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainPanicDef, virDomainPanicDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainSmartcardDef, virDomainSmartcardDef);
VIR_DOMAIN_DEVICE_FAMILY(virDomainMemoryDef, virDomainMemoryDef);

/* domain_audio_conf.c: audio ids unique, and every <sound>'s <audio>
 * defined.  Returns 0, or -1 with an error. */
int virDomainDefPostParseAudio(const virDomainDef *def);

/* domain_smartcard_conf.c: give each smartcard a CCID address and add
 * the CCID controllers they name.  Returns 0, or -1 with an error. */
int virDomainDefPostParseSmartcards(virDomainDef *def);

/* domain_memory_conf.c: <maxMemory> and the memory devices against the
 * NUMA cells and the memory size.  Returns 0, or -1 with an error. */
int virDomainDefValidateMemoryHotplug(const virDomainDef *def);

/* domain_postparse.c */
int virDomainDefPostParse(virDomainDef *def, unsigned int flags);
