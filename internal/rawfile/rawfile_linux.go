package rawfile

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ReadFile reads the whole file name, as os.ReadFile does.
func ReadFile(name string) ([]byte, error) {
	fd, err := open(name, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	// Most pages fit the first buffer; a read that fills it is followed
	// by a larger one, and a read of nothing ends the file.
	data := make([]byte, 0, 16<<10)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := syscall.Read(fd, data[len(data):cap(data)])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, nil
		}
		data = data[:len(data)+n]
	}
}

// WriteFile writes data to the file name, creating it with perm or
// truncating it, as os.WriteFile does.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	fd, err := open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, uint32(perm.Perm()))
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func open(name string, flag int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, perm)
		if !errors.Is(err, syscall.EINTR) {
			return fd, err
		}
	}
}

// readDir lists a folder from its linux_dirent64 records: each is its
// inode (8 bytes), offset (8), length (2), type (1) and name, ended by
// a zero byte.
func readDir(name string) ([]fs.DirEntry, error) {
	fd, err := open(name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var list []fs.DirEntry
	buf := make([]byte, 32<<10)
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return list, &fs.PathError{Op: "readdirent", Path: name, Err: err}
		}
		if n <= 0 {
			return list, nil
		}
		for rec := buf[:n]; len(rec) >= 19; {
			size := int(binary.NativeEndian.Uint16(rec[16:18]))
			if size < 19 || size > len(rec) {
				return list, &fs.PathError{Op: "readdirent", Path: name, Err: errors.New("malformed folder entry")}
			}
			typ, raw := rec[18], rec[19:size]
			rec = rec[size:]
			for i, c := range raw {
				if c == 0 {
					raw = raw[:i]
					break
				}
			}
			if s := string(raw); s != "." && s != ".." {
				e := entry{dir: name, name: s}
				switch typ {
				case syscall.DT_DIR:
					e.typ = fs.ModeDir
				case syscall.DT_REG:
				case syscall.DT_LNK:
					e.typ = fs.ModeSymlink
				default:
					// Unknown to the file system's listing, or another
					// kind of file: asked of the file itself.
					fi, err := os.Lstat(name + "/" + s)
					if err != nil {
						continue
					}
					e.typ = fi.Mode().Type()
				}
				list = append(list, e)
			}
		}
	}
}

// entry is a folder's entry as the folder lists it: its name and type.
type entry struct {
	dir, name string
	typ       fs.FileMode
}

func (e entry) Name() string               { return e.name }
func (e entry) IsDir() bool                { return e.typ.IsDir() }
func (e entry) Type() fs.FileMode          { return e.typ }
func (e entry) Info() (fs.FileInfo, error) { return os.Lstat(filepath.Join(e.dir, e.name)) }
func (e entry) String() string             { return fs.FormatDirEntry(e) }

// Identity is the inode and change time of the file fi describes, which
// a copy that keeps modification times (cp -p, rsync -t) does not keep;
// zeros when fi does not come from the file system.
func Identity(fi fs.FileInfo) (ino, ctime uint64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, uint64(st.Ctim.Nano())
}
