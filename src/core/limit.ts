// Runs at most `n` tasks at a time, in arrival order. The analyzer uses it so that hundreds of photos
// chosen at once do not all decode and allocate together.
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return (task) =>
    new Promise((resolve, reject) => {
      const start = () => {
        running++;
        task().then(resolve, reject).finally(next);
      };
      if (running < n) start();
      else waiting.push(start);
    });
}
