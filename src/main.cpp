#include "app/app.hpp"

int main(int argc, char** argv) {
  return exl::app::run(argc, argv);
}
