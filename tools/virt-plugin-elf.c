/*
 * virt-plugin-elf.c: read the exported symbols and the needed libraries
 * of an ELF shared object without loading it
 *
 * dlopen() runs a file's constructors and dlsym() only answers for names
 * one already knows; to tell which symbols a plugin exports, and to
 * refuse a file that is not a shared object before any of its code
 * runs, the dynamic symbol table and the dynamic section are read here.
 * Every offset in the file is checked against its size first: the file
 * is untrusted input.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <config.h>

#include <elf.h>
#include <string.h>

#include "virt-plugin.h"

/* The largest file read; plugins are far smaller. */
#define VIRT_PLUGIN_ELF_MAX (512 * 1024 * 1024)

#if defined(__x86_64__)
# define VIRT_PLUGIN_ELF_MACHINE EM_X86_64
#elif defined(__aarch64__)
# define VIRT_PLUGIN_ELF_MACHINE EM_AARCH64
#elif defined(__powerpc64__)
# define VIRT_PLUGIN_ELF_MACHINE EM_PPC64
#elif defined(__s390x__)
# define VIRT_PLUGIN_ELF_MACHINE EM_S390
#elif defined(__riscv) && __riscv_xlen == 64
# define VIRT_PLUGIN_ELF_MACHINE EM_RISCV
#endif

/**
 * virtPluginElfFree:
 * @elf: the result of virtPluginElfRead, or NULL
 */
void
virtPluginElfFree(virtPluginElf *elf)
{
    if (!elf)
        return;
    g_strfreev(elf->exported);
    g_strfreev(elf->needed);
    g_free(elf);
}

/* A pointer to @len bytes at @off of @data, or NULL if they do not fit. */
static const void *
virtPluginElfAt(const char *data, size_t size, guint64 off, guint64 len)
{
    if (off > size || len > size - off)
        return NULL;
    return data + off;
}

/* The NUL-terminated string at @off of the string table @strtab. */
static const char *
virtPluginElfString(const char *data, size_t size, const Elf64_Shdr *strtab,
                    guint64 off)
{
    const char *table = virtPluginElfAt(data, size, strtab->sh_offset,
                                        strtab->sh_size);

    if (!table || off >= strtab->sh_size ||
        !memchr(table + off, '\0', strtab->sh_size - off))
        return NULL;
    return table + off;
}

static const char *
virtPluginElfTypeName(unsigned int type)
{
    switch (type) {
    case ET_EXEC:
        return "an executable";
    case ET_REL:
        return "an object file";
    case ET_CORE:
        return "a core dump";
    }
    return "not loadable";
}

/* Check the ELF header; the reason is set when the file is no shared
 * object of this machine. */
static const Elf64_Ehdr *
virtPluginElfHeader(const char *data, size_t size, char **reason)
{
    const Elf64_Ehdr *ehdr = virtPluginElfAt(data, size, 0, sizeof(*ehdr));
    unsigned char order = G_BYTE_ORDER == G_LITTLE_ENDIAN ? ELFDATA2LSB
                                                          : ELFDATA2MSB;

    if (!ehdr || memcmp(ehdr->e_ident, ELFMAG, SELFMAG) != 0) {
        *reason = g_strdup("not an ELF file");
        return NULL;
    }
    if (ehdr->e_ident[EI_CLASS] != ELFCLASS64 || ehdr->e_ident[EI_DATA] != order) {
        *reason = g_strdup("an ELF file for another word size or byte order");
        return NULL;
    }
    if (ehdr->e_type != ET_DYN) {
        *reason = g_strdup_printf("an ELF file that is %s",
                                  virtPluginElfTypeName(ehdr->e_type));
        return NULL;
    }
#ifdef VIRT_PLUGIN_ELF_MACHINE
    if (ehdr->e_machine != VIRT_PLUGIN_ELF_MACHINE) {
        *reason = g_strdup_printf("built for another machine (ELF machine %u)",
                                  ehdr->e_machine);
        return NULL;
    }
#endif
    return ehdr;
}

/* A position-independent executable is ET_DYN too, but has an
 * interpreter; dlopen() refuses it. */
static bool
virtPluginElfHasInterp(const char *data, size_t size, const Elf64_Ehdr *ehdr)
{
    size_t i;

    if (ehdr->e_phentsize != sizeof(Elf64_Phdr))
        return false;
    for (i = 0; i < ehdr->e_phnum; i++) {
        const Elf64_Phdr *phdr = virtPluginElfAt(data, size,
                                                 ehdr->e_phoff + i * sizeof(*phdr),
                                                 sizeof(*phdr));

        if (phdr && phdr->p_type == PT_INTERP)
            return true;
    }
    return false;
}

static const Elf64_Shdr *
virtPluginElfSection(const char *data, size_t size, const Elf64_Ehdr *ehdr,
                     size_t idx)
{
    if (idx >= ehdr->e_shnum || ehdr->e_shentsize != sizeof(Elf64_Shdr))
        return NULL;
    return virtPluginElfAt(data, size, ehdr->e_shoff + idx * sizeof(Elf64_Shdr),
                           sizeof(Elf64_Shdr));
}

/* The global symbols @symtab defines, but absolute ones: the linker's
 * _end and friends and version node names are no part of the API. */
static GStrv
virtPluginElfExported(const char *data, size_t size, const Elf64_Ehdr *ehdr,
                      const Elf64_Shdr *symtab)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const Elf64_Shdr *strtab = virtPluginElfSection(data, size, ehdr, symtab->sh_link);
    size_t n = symtab->sh_entsize == sizeof(Elf64_Sym) ?
        symtab->sh_size / sizeof(Elf64_Sym) : 0;
    size_t i;

    for (i = 1; strtab && i < n; i++) {
        const Elf64_Sym *sym = virtPluginElfAt(data, size,
                                               symtab->sh_offset + i * sizeof(*sym),
                                               sizeof(*sym));
        const char *name;
        unsigned char type;

        if (!sym || ELF64_ST_BIND(sym->st_info) == STB_LOCAL ||
            sym->st_shndx == SHN_UNDEF || sym->st_shndx == SHN_ABS)
            continue;
        type = ELF64_ST_TYPE(sym->st_info);
        if (type == STT_SECTION || type == STT_FILE)
            continue;
        if ((name = virtPluginElfString(data, size, strtab, sym->st_name)) && *name)
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_add(names, NULL);
    g_ptr_array_set_free_func(names, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&names), FALSE);
}

static GStrv
virtPluginElfNeeded(const char *data, size_t size, const Elf64_Ehdr *ehdr,
                    const Elf64_Shdr *dynamic)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const Elf64_Shdr *strtab = virtPluginElfSection(data, size, ehdr, dynamic->sh_link);
    size_t n = dynamic->sh_size / sizeof(Elf64_Dyn);
    size_t i;

    for (i = 0; strtab && i < n; i++) {
        const Elf64_Dyn *dyn = virtPluginElfAt(data, size,
                                               dynamic->sh_offset + i * sizeof(*dyn),
                                               sizeof(*dyn));
        const char *name;

        if (!dyn || dyn->d_tag == DT_NULL)
            break;
        if (dyn->d_tag == DT_NEEDED &&
            (name = virtPluginElfString(data, size, strtab, dyn->d_un.d_val)))
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_add(names, NULL);
    g_ptr_array_set_free_func(names, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&names), FALSE);
}

/**
 * virtPluginElfRead:
 * @path: a file
 * @reason: set, when NULL is returned, to why the file is not a shared
 *          object this program could load (the caller frees it)
 *
 * Returns what the file's dynamic section and symbol table say, or NULL.
 */
virtPluginElf *
virtPluginElfRead(const char *path, char **reason)
{
    g_autoptr(GMappedFile) file = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(virtPluginElf) elf = g_new0(virtPluginElf, 1);
    const Elf64_Ehdr *ehdr;
    const char *data;
    size_t size;
    size_t i;

    if (!(file = g_mapped_file_new(path, FALSE, &err))) {
        *reason = g_strdup_printf("cannot read the file: %s", err->message);
        return NULL;
    }
    data = g_mapped_file_get_contents(file);
    size = g_mapped_file_get_length(file);
    if (size > VIRT_PLUGIN_ELF_MAX) {
        *reason = g_strdup("too large for a plugin");
        return NULL;
    }

    if (!(ehdr = virtPluginElfHeader(data, size, reason)))
        return NULL;
    elf->executable = virtPluginElfHasInterp(data, size, ehdr);

    for (i = 0; i < ehdr->e_shnum; i++) {
        const Elf64_Shdr *shdr = virtPluginElfSection(data, size, ehdr, i);

        if (!shdr)
            break;
        if (shdr->sh_type == SHT_DYNSYM && !elf->exported) {
            elf->exported = virtPluginElfExported(data, size, ehdr, shdr);
            elf->haveSymbols = true;
        } else if (shdr->sh_type == SHT_DYNAMIC && !elf->needed) {
            elf->needed = virtPluginElfNeeded(data, size, ehdr, shdr);
        }
    }
    if (!elf->exported)
        elf->exported = g_new0(char *, 1);
    if (!elf->needed)
        elf->needed = g_new0(char *, 1);
    return g_steal_pointer(&elf);
}
