/*
 * domain_audio_conf.c: <audio>, the host side of a guest's sound cards
 *
 * An <audio> element is one host audio backend (QEMU's -audiodev) that
 * <sound> devices name with <audio id='N'/>.  Modelled: the types none,
 * alsa, pulseaudio, sdl, spice and file with their attributes, the
 * common timerPeriod, and the <input> and <output> directions with the
 * mixing settings every type shares plus alsa's dev and pulseaudio's
 * name, streamName and latency.  The other types of libvirt's format
 * (oss, coreaudio, jack, dbus, pipewire) and the <settings> of a
 * direction are refused as unsupported configuration.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include "internal.h"
#include "virerror.h"
#include "virxml.h"
#include "domain_conf.h"
#define VIR_DOMAIN_CONF_PRIV_H_ALLOW
#include "domain_conf_priv.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainAudioType, VIR_DOMAIN_AUDIO_TYPE_LAST,
    [VIR_DOMAIN_AUDIO_TYPE_NONE] = "none",
    [VIR_DOMAIN_AUDIO_TYPE_ALSA] = "alsa",
    [VIR_DOMAIN_AUDIO_TYPE_COREAUDIO] = "coreaudio",
    [VIR_DOMAIN_AUDIO_TYPE_JACK] = "jack",
    [VIR_DOMAIN_AUDIO_TYPE_OSS] = "oss",
    [VIR_DOMAIN_AUDIO_TYPE_PULSEAUDIO] = "pulseaudio",
    [VIR_DOMAIN_AUDIO_TYPE_SDL] = "sdl",
    [VIR_DOMAIN_AUDIO_TYPE_SPICE] = "spice",
    [VIR_DOMAIN_AUDIO_TYPE_FILE] = "file",
    [VIR_DOMAIN_AUDIO_TYPE_DBUS] = "dbus",
    [VIR_DOMAIN_AUDIO_TYPE_PIPEWIRE] = "pipewire",
);

VIR_ENUM_DECL(virDomainAudioSDLDriver);
VIR_ENUM_IMPL(virDomainAudioSDLDriver, VIR_DOMAIN_AUDIO_SDL_DRIVER_LAST,
    [VIR_DOMAIN_AUDIO_SDL_DRIVER_DEFAULT] = "default",
    [VIR_DOMAIN_AUDIO_SDL_DRIVER_ESD] = "esd",
    [VIR_DOMAIN_AUDIO_SDL_DRIVER_ALSA] = "alsa",
    [VIR_DOMAIN_AUDIO_SDL_DRIVER_ARTS] = "arts",
    [VIR_DOMAIN_AUDIO_SDL_DRIVER_PULSEAUDIO] = "pulseaudio",
);


static void
virDomainAudioIOClear(virDomainAudioIOCommon *io)
{
    g_free(io->dev);
    g_free(io->name);
    g_free(io->streamName);
}


/**
 * virDomainAudioDefFree:
 * @def: an audio backend, or NULL
 */
void
virDomainAudioDefFree(virDomainAudioDef *def)
{
    if (!def)
        return;
    virDomainAudioIOClear(&def->input);
    virDomainAudioIOClear(&def->output);
    g_free(def->path);
    g_free(def->serverName);
    g_free(def);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainAudioDef, virDomainAudioDefFree);


/* <input> or <output>: the shared settings, then the type's own. */
static int
virDomainAudioIOParse(xmlNodePtr node, virDomainAudioType type,
                      virDomainAudioIOCommon *io)
{
    const char *alsa[] = { "mixingEngine", "fixedSettings", "voices", "bufferLength",
                           "dev", NULL };
    const char *pulse[] = { "mixingEngine", "fixedSettings", "voices", "bufferLength",
                            "name", "streamName", "latency", NULL };
    const char *common[] = { "mixingEngine", "fixedSettings", "voices", "bufferLength",
                             NULL };
    const char *const *attrs = common;
    xmlNodePtr child;

    if (type == VIR_DOMAIN_AUDIO_TYPE_ALSA)
        attrs = alsa;
    else if (type == VIR_DOMAIN_AUDIO_TYPE_PULSEAUDIO)
        attrs = pulse;
    for (child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("element '%1$s' in the <%2$s> of <audio> is not supported"),
                       (const char *)child->name, (const char *)node->name);
        return -1;
    }
    if (virDomainXMLCheck(node, attrs, NULL) < 0 ||
        virXMLPropTristateBool(node, "mixingEngine", VIR_XML_PROP_NONE,
                               &io->mixingEngine) < 0 ||
        virXMLPropTristateBool(node, "fixedSettings", VIR_XML_PROP_NONE,
                               &io->fixedSettings) < 0 ||
        virXMLPropUInt(node, "voices", 10, VIR_XML_PROP_NONZERO, &io->voices) < 0 ||
        virXMLPropUInt(node, "bufferLength", 10, VIR_XML_PROP_NONE,
                       &io->bufferLength) < 0 ||
        virXMLPropUInt(node, "latency", 10, VIR_XML_PROP_NONE, &io->latency) < 0)
        return -1;
    io->dev = virXMLPropString(node, "dev");
    io->name = virXMLPropString(node, "name");
    io->streamName = virXMLPropString(node, "streamName");
    return 0;
}


static void
virDomainAudioIOFormat(virBuffer *buf, const char *elem,
                       const virDomainAudioIOCommon *io)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;

    if (io->mixingEngine)
        virBufferAsprintf(&attrs, " mixingEngine='%s'",
                          virTristateBoolTypeToString(io->mixingEngine));
    if (io->fixedSettings)
        virBufferAsprintf(&attrs, " fixedSettings='%s'",
                          virTristateBoolTypeToString(io->fixedSettings));
    if (io->voices)
        virBufferAsprintf(&attrs, " voices='%u'", io->voices);
    if (io->bufferLength)
        virBufferAsprintf(&attrs, " bufferLength='%u'", io->bufferLength);
    virBufferEscapeString(&attrs, " dev='%s'", io->dev);
    virBufferEscapeString(&attrs, " name='%s'", io->name);
    virBufferEscapeString(&attrs, " streamName='%s'", io->streamName);
    if (io->latency)
        virBufferAsprintf(&attrs, " latency='%u'", io->latency);
    virXMLFormatElement(buf, elem, &attrs, NULL);
}


/* The attributes of <audio> that each type allows besides id, type and
 * timerPeriod. */
static const char *const *
virDomainAudioAttrs(virDomainAudioType type)
{
    static const char *const plain[] = { "id", "type", "timerPeriod", NULL };
    static const char *const pulse[] = { "id", "type", "timerPeriod", "serverName", NULL };
    static const char *const sdl[] = { "id", "type", "timerPeriod", "driver", NULL };
    static const char *const file[] = { "id", "type", "timerPeriod", "path", NULL };

    switch (type) {
    case VIR_DOMAIN_AUDIO_TYPE_PULSEAUDIO:
        return pulse;
    case VIR_DOMAIN_AUDIO_TYPE_SDL:
        return sdl;
    case VIR_DOMAIN_AUDIO_TYPE_FILE:
        return file;
    default:
        return plain;
    }
}


/**
 * virDomainAudioDefParseXML:
 * @node: an <audio> element of <devices>
 * @flags: virDomainDefParseFlags
 *
 * Returns the audio backend, or NULL with an error: VIR_ERR_XML_ERROR
 * for malformed XML, VIR_ERR_CONFIG_UNSUPPORTED naming a type this
 * model does not cover.
 */
virDomainAudioDef *
virDomainAudioDefParseXML(xmlNodePtr node, unsigned int flags G_GNUC_UNUSED)
{
    g_autoptr(virDomainAudioDef) def = g_new0(virDomainAudioDef, 1);
    unsigned int type = 0;
    unsigned int sdlDriver = 0;
    xmlNodePtr cur;

    if (virXMLPropEnum(node, "type", virDomainAudioTypeTypeFromString,
                       VIR_XML_PROP_REQUIRED, &type) < 0)
        return NULL;
    def->type = type;
    switch (def->type) {
    case VIR_DOMAIN_AUDIO_TYPE_NONE:
    case VIR_DOMAIN_AUDIO_TYPE_ALSA:
    case VIR_DOMAIN_AUDIO_TYPE_PULSEAUDIO:
    case VIR_DOMAIN_AUDIO_TYPE_SDL:
    case VIR_DOMAIN_AUDIO_TYPE_SPICE:
    case VIR_DOMAIN_AUDIO_TYPE_FILE:
        break;
    default:
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("audio type '%1$s' is not supported"),
                       virDomainAudioTypeTypeToString(def->type));
        return NULL;
    }
    if (virDomainXMLCheck(node, virDomainAudioAttrs(def->type),
                          (const char *[]){ "input", "output", NULL }) < 0 ||
        virXMLPropUInt(node, "id", 10, VIR_XML_PROP_REQUIRED | VIR_XML_PROP_NONZERO,
                       &def->id) < 0 ||
        virXMLPropUInt(node, "timerPeriod", 10, VIR_XML_PROP_NONZERO,
                       &def->timerPeriod) < 0 ||
        virXMLPropEnum(node, "driver", virDomainAudioSDLDriverTypeFromString,
                       VIR_XML_PROP_NONZERO, &sdlDriver) < 0)
        return NULL;
    def->sdlDriver = sdlDriver;
    def->serverName = virXMLPropString(node, "serverName");
    def->path = virXMLPropString(node, "path");

    for (cur = node->children; cur; cur = cur->next) {
        virDomainAudioIOCommon *io;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        io = xmlStrEqual(cur->name, BAD_CAST "input") ? &def->input : &def->output;
        if (virDomainAudioIOParse(cur, def->type, io) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}


/**
 * virDomainAudioDefFormat:
 * @buf: output buffer
 * @def: the audio backend
 * @flags: virDomainDefFormatFlags
 */
void
virDomainAudioDefFormat(virBuffer *buf, const virDomainAudioDef *def,
                        unsigned int flags G_GNUC_UNUSED)
{
    g_auto(virBuffer) attrs = VIR_BUFFER_INITIALIZER;
    g_auto(virBuffer) children = VIR_BUFFER_INIT_CHILD(buf);
    g_auto(virBuffer) io = VIR_BUFFER_INIT_CHILD(buf);

    virBufferAsprintf(&attrs, " id='%u' type='%s'", def->id,
                      virDomainAudioTypeTypeToString(def->type));
    if (def->timerPeriod)
        virBufferAsprintf(&attrs, " timerPeriod='%u'", def->timerPeriod);
    virBufferEscapeString(&attrs, " serverName='%s'", def->serverName);
    if (def->sdlDriver)
        virBufferAsprintf(&attrs, " driver='%s'",
                          virDomainAudioSDLDriverTypeToString(def->sdlDriver));
    virBufferEscapeString(&attrs, " path='%s'", def->path);
    virDomainAudioIOFormat(&children, "input", &def->input);
    virDomainAudioIOFormat(&children, "output", &def->output);
    virXMLFormatElement(buf, "audio", &attrs, &children);
}


/**
 * virDomainDefPostParseAudio:
 * @def: a parsed definition
 *
 * Check that audio ids are unique and that every <sound> names an
 * <audio> that exists.  Returns 0, or -1 with VIR_ERR_XML_ERROR naming
 * the id.
 */
int
virDomainDefPostParseAudio(const virDomainDef *def)
{
    size_t i;
    size_t j;

    for (i = 0; i < def->naudios; i++) {
        for (j = 0; j < i; j++) {
            if (def->audios[i]->id == def->audios[j]->id) {
                virReportError(VIR_ERR_XML_ERROR,
                               _("audio ID %1$u is used multiple times"),
                               def->audios[i]->id);
                return -1;
            }
        }
    }
    for (i = 0; i < def->nsounds; i++) {
        unsigned int id = def->sounds[i]->audioId;

        if (!id)
            continue;
        for (j = 0; j < def->naudios && def->audios[j]->id != id; j++)
            ;
        if (j == def->naudios) {
            virReportError(VIR_ERR_XML_ERROR,
                           _("no audio device with ID %1$u"), id);
            return -1;
        }
    }
    return 0;
}
