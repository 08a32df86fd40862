// Dragging files from the desktop over an area: `dragging` while they hover it (for a visible drop
// zone), and `onFiles` when they are let go. Leaving and entering child elements doesn't flicker.
import { useRef, useState, type DragEvent } from 'react';
import { dragHasFiles, filesOf } from '../files';

export function useFileDrop(onFiles: ((files: File[]) => void) | null) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const handlers = {
    onDragEnter(e: DragEvent) {
      if (!dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver(e: DragEvent) {
      if (!dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = onFiles ? 'copy' : 'none';
    },
    onDragLeave(e: DragEvent) {
      if (!dragHasFiles(e.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop(e: DragEvent) {
      if (!dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = filesOf(e.dataTransfer);
      if (onFiles && files.length > 0) onFiles(files);
    },
  };
  return { dragging, handlers };
}
