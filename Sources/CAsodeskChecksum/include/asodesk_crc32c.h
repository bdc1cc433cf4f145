#ifndef ASODESK_CRC32C_H
#define ASODESK_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the CRC-32C instruction (x86-64 SSE4.2), else 0.
int asodesk_crc32c_hardware_available(void);

/// Continues a running CRC-32C (start with 0) over `length` bytes with the CPU's crc32
/// instruction. Call only when asodesk_crc32c_hardware_available() returned 1.
uint32_t asodesk_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t length);

#endif
