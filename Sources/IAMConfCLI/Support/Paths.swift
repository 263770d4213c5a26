import Foundation

/// The path made absolute against the current directory, so a saved plan works from anywhere.
func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    let joined = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    return (joined as NSString).standardizingPath
}
