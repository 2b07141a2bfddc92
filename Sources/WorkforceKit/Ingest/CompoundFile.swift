/// Office files in the older compound-file (OLE/CFB) container, which an .xlsx name may hide.
///
/// Excel saves a workbook with a password to open as a compound file holding an
/// `EncryptionInfo` stream and the encrypted package; an Excel 97–2003 workbook (`.xls`)
/// renamed `.xlsx` is a compound file too. Neither is a ZIP archive: each is refused with
/// status 65 and a message saying what the file is and how to save it readable.
enum CompoundFile {
    /// The first eight bytes of every compound file (D0 CF 11 E0 A1 B1 1A E1).
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// The most bytes searched for the `EncryptionInfo` stream's name.
    static let searchedBytes = 16 << 20

    /// Throws when `input` is a compound file: encrypted, or an .xls saved under another name.
    static func refuse(_ input: RegularFile.OpenInput, file: String) throws(InputError) {
        guard input.read(signature.count) == signature else { return }
        if isEncrypted(input.read(min(searchedBytes, max(0, input.identity.size)))) {
            throw .unreadableWorkbook(
                file: file,
                reason: "it is encrypted with a password to open; open it in Excel, choose File › Info › "
                    + "Protect Workbook › Encrypt with Password, clear the password and save it (WPS: File › "
                    + "Document Encryption), then run again")
        }
        throw .unreadableWorkbook(
            file: file, reason: "it is an Excel 97–2003 (.xls) or other compound file, not .xlsx; open it and save as .xlsx")
    }

    /// Whether a compound file's bytes name an `EncryptionInfo` stream (directory names are UTF-16LE).
    static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        let name = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        guard bytes.count >= name.count else { return false }
        var index = 0
        while index <= bytes.count - name.count {
            if bytes[index] == name[0], Array(bytes[index..<index + name.count]) == name { return true }
            index += 1
        }
        return false
    }
}
