/* A stand-in bcryptprimitives.dll for running site.exe under Debian's wine 8.0, in tests only.
 * Rust's std (1.78 and later) imports bcryptprimitives.dll!ProcessPrng at load time; wine added
 * that DLL in 8.13, real Windows 10 and 11 have it. This one function does what wine 8.13's own
 * does: it fills the buffer through advapi32!SystemFunction036 (RtlGenRandom) and returns TRUE.
 * site/tests/package.rs builds it with x86_64-w64-mingw32-gcc and passes its folder to wine
 * through WINEPATH; it is never part of the package. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
