// A stand-in FileSystemFileHandle for a file we deliver: enough for code that only reads it
// (react-dropzone's file-selector calls getFile(); pickers' callers read name and kind).
export function fileHandle(file: File): FileSystemFileHandle {
  return Object.create(FileSystemFileHandle.prototype, {
    kind: { value: 'file', enumerable: true },
    name: { value: file.name, enumerable: true },
    getFile: { value: () => Promise.resolve(file) },
  }) as FileSystemFileHandle;
}
